"""Implementation of :mod:`bot.directory.queries`, one module per topic (needs Django set up)."""
