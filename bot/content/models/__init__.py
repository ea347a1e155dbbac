"""Models of the editors' content: one module per concept, re-exported here."""

from bot.content.models.faq import FaqEntry, FaqText
from bot.content.models.gap import ContentGap
from bot.content.models.policy import ReviewPolicy
from bot.content.models.proposal import FaqProposal
from bot.content.models.publication import Publication
from bot.content.models.revision import FaqRevision

__all__ = ["ContentGap", "FaqEntry", "FaqProposal", "FaqRevision", "FaqText", "Publication", "ReviewPolicy"]
