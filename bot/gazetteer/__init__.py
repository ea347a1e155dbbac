"""The gazetteer: names of places, services, course levels and languages in clients' spellings."""

from bot.gazetteer.matcher import Gazetteer, Match

__all__ = ["Gazetteer", "Match"]
