"""Content gaps: what clients asked that the bot could not answer, redacted, grouped for editors.

A gap is recorded when the bot falls back (it did not understand) and when a client says an
answer did not help. It holds no client identifier: only the language, the reason, the topic the
bot guessed or answered with, and the message with personal data redacted
(:func:`bot.content.redaction.redact`). Gaps are deleted with everything else after the retention
period (:mod:`bot.retention`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, List, Optional

from bot.content import constants
from bot.content.constants import FAQ_INTENT_PREFIX, GapReason
from bot.content.redaction import redact

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from bot.content.models import ContentGap

#: Longest stored text of a gap (after redaction).
GAP_TEXT_LIMIT = 500
#: Longest message that is redacted at all (a longer one is cut first; only the start is kept anyway).
REDACTION_INPUT_LIMIT = 4 * GAP_TEXT_LIMIT
#: How many of a group's latest messages it shows.
EXAMPLES_PER_GROUP = 5
#: Length of the model field ``ContentGap.topic``.
TOPIC_LIMIT = 80


@dataclass(frozen=True)
class GapGroup:
    """The gaps of one topic in one language: how many, the latest time, the latest messages."""

    topic: str
    language: str
    count: int
    latest: dt.datetime
    examples: List[str] = field(default_factory=list)

    @property
    def faq_key(self) -> Optional[str]:
        """The FAQ entry's key when the topic is one (see :func:`faq_key`)."""
        return faq_key(self.topic)


def faq_topic(key: str) -> str:
    """The topic of a gap about the FAQ entry ``key``.

    >>> faq_topic("work_permit")
    'faq/work_permit'
    """
    return f"{FAQ_INTENT_PREFIX}{key}"


def faq_key(topic: str) -> Optional[str]:
    """The FAQ key of a topic like ``faq/work_permit``; None for an intent topic.

    >>> faq_key("faq/work_permit"), faq_key("find_language_course"), faq_key("faq")
    ('work_permit', None, None)
    """
    return constants.faq_key(topic, FAQ_INTENT_PREFIX)


def gap_text(text: str) -> str:
    """What is stored of a client's message: redacted, trimmed, at most ``GAP_TEXT_LIMIT`` characters.

    >>> gap_text("  Mein Name ist Ali, wo finde ich einen Kurs?  ")
    'Mein Name ist [Name], wo finde ich einen Kurs?'
    >>> len(gap_text("x" * 2000))
    500
    """
    return redact(text[:REDACTION_INPUT_LIMIT]).strip()[:GAP_TEXT_LIMIT].strip()


def record_gap(language: str, reason: str, topic: str, text: str) -> Optional[ContentGap]:
    """Store a content gap (redacted); returns the ContentGap, or None when nothing is left to store.

    ``reason`` is a :class:`GapReason`; ``topic`` the intent or ``faq/<key>`` the bot guessed or
    answered with. Raises ValueError for an unknown reason.
    """
    from bot.content.models import ContentGap

    if reason not in GapReason.values:
        raise ValueError(f"unknown gap reason: {reason!r}")
    redacted = gap_text(text or "")
    if not redacted:
        return None
    return ContentGap.objects.create(language=language[:8], reason=reason, topic=(topic or "")[:TOPIC_LIMIT],
                                     text=redacted)


def gap_groups(language: Optional[str] = None) -> List[GapGroup]:
    """The gaps grouped by topic and language, most frequent first (then the most recent first)."""
    from django.db.models import Count, Max

    from bot.content.models import ContentGap

    gaps = ContentGap.objects.all()
    if language:
        gaps = gaps.filter(language=language)
    rows = (gaps.values("topic", "language").annotate(count=Count("id"), latest=Max("created_at"))
            .order_by("-count", "-latest", "topic", "language"))
    return [GapGroup(topic=row["topic"], language=row["language"], count=row["count"], latest=row["latest"],
                     examples=_examples(gaps, row["topic"], row["language"])) for row in rows]


def _examples(gaps: QuerySet[ContentGap], topic: str, language: str) -> List[str]:
    """The latest redacted messages of one group."""
    latest = gaps.filter(topic=topic, language=language).order_by("-created_at", "-id")
    return list(latest.values_list("text", flat=True)[:EXAMPLES_PER_GROUP])


def delete_older_than(cutoff: dt.datetime) -> int:
    """Delete the gaps recorded before ``cutoff``; returns how many (used by :mod:`bot.retention`)."""
    from bot.content.models import ContentGap

    deleted, _ = ContentGap.objects.filter(created_at__lt=cutoff).delete()
    return deleted
