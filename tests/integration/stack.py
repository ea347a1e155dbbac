"""The real processes for integration tests (see :mod:`tools.stack`)."""

from tools.stack import Client, Stack, free_port, label_of, opening_of, plain, text_of

__all__ = ["Client", "Stack", "free_port", "label_of", "opening_of", "plain", "text_of"]
