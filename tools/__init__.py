"""Developer tools beside the product: running a whole stack, evaluation, benchmarks."""
