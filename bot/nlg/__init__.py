"""Response rendering: the NLG endpoint Rasa calls for every bot message."""

from bot.nlg.renderer import render

__all__ = ["render"]
