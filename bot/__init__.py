"""Lotse: a multilingual assistant for refugees in Baden-Württemberg."""

__version__ = "0.1.0"
