"""Benchmark commands: NLU evaluation on the held-out set and on SIB-200 (commands, not tests)."""
