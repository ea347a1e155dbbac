"""Content gaps: what clients asked that the bot could not answer, redacted, for editors.

A gap is recorded when the bot falls back (it did not understand), when a question in Lotse's
domain has no FAQ answer, and when a client says an answer did not help. It holds no client
identifier: only the language, the reason, the topic the bot guessed or answered with, and the
message with personal data redacted (:func:`bot.content.redaction.redact`). Gaps are deleted with
everything else after the retention period (:mod:`bot.retention`).

Editors see them grouped by meaning (:func:`meaning_groups`), not by the topic the bot guessed: the
sentence encoder (:mod:`bot.encoder`) turns each message into a vector once (stored with the gap),
and a greedy clustering (:func:`cluster`) puts a message into the group whose members it resembles
most on average, when that mean cosine similarity reaches :data:`SAME_MEANING` (paraphrases in two
languages score lower than in one: :data:`CROSS_LANGUAGE` makes up for it); groups that resemble each
other as much are merged. Each group is labelled by its most central message. Answers that did not help are
listed by the answer given (:func:`unhelpful_answers`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Dict, List, Optional, Sequence

import numpy as np

from bot.content import constants
from bot.content.constants import FAQ_INTENT_PREFIX, GapReason
from bot.content.redaction import redact

if TYPE_CHECKING:
    from bot.content.models import ContentGap

#: Longest stored text of a gap (after redaction).
GAP_TEXT_LIMIT = 500
#: Longest message that is redacted at all (a longer one is cut first; only the start is kept anyway).
REDACTION_INPUT_LIMIT = 4 * GAP_TEXT_LIMIT
#: Length of the model field ``ContentGap.topic``.
TOPIC_LIMIT = 80
#: Mean similarity to a group's members from which a message joins it (and two groups merge). e5's cosines
#: are compressed: unrelated questions score about 0.80 in one language, paraphrases about 0.88. Measured
#: on 65 gap-like questions about 8 topics in 7 languages (12 orders): 97 % of the pairs put together belong
#: together, 71 % of the pairs that belong together are found (German alone 96 % and 69 %, Arabic 87 % and 58 %).
SAME_MEANING = 0.86
#: Added to the cosine of two messages in different languages: paraphrases across languages score about
#: 0.04 lower than within one (without it, 95 % and 52 % on the mixed set above).
CROSS_LANGUAGE = 0.04
#: How many of the latest gaps are grouped.
GROUPED_GAPS = 1000


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


def delete_older_than(cutoff: dt.datetime) -> int:
    """Delete the gaps recorded before ``cutoff``; returns how many (used by :mod:`bot.retention`)."""
    from bot.content.models import ContentGap

    deleted, _ = ContentGap.objects.filter(created_at__lt=cutoff).delete()
    return deleted


@dataclass(frozen=True)
class GapItem:
    """One gap as editors see it."""

    text: str
    language: str
    reason: str
    topic: str
    created_at: dt.datetime

    @property
    def faq_key(self) -> Optional[str]:
        """The FAQ entry the bot answered with or guessed, if the topic names one."""
        return faq_key(self.topic)


@dataclass(frozen=True)
class MeaningGroup:
    """Messages that mean the same, the most central one first as the group's label, then the latest."""

    label: GapItem
    members: List[GapItem]

    @property
    def count(self) -> int:
        """How many messages the group holds."""
        return len(self.members)

    @property
    def latest(self) -> dt.datetime:
        """When the latest message of the group came."""
        return max(item.created_at for item in self.members)

    @property
    def languages(self) -> List[str]:
        """The group's languages, the most frequent first."""
        return [code for code, _ in Counter(item.language for item in self.members).most_common()]


@dataclass(frozen=True)
class AnswerGroup:
    """The questions one answer did not help with (the client said "no" right after it)."""

    topic: str
    items: List[GapItem]

    @property
    def faq_key(self) -> Optional[str]:
        """The FAQ entry that was the answer, if it was one."""
        return faq_key(self.topic)


def cluster(vectors: np.ndarray, languages: Sequence[str], threshold: float = SAME_MEANING,
            cross_language: float = CROSS_LANGUAGE) -> List[List[int]]:
    """Greedy grouping of L2-normalized rows: the indices of each group, in the order the groups began.

    The similarity of two rows is their cosine, plus ``cross_language`` when their ``languages``
    differ. A row joins the group whose members it resembles most on average when that mean reaches
    ``threshold``, else it starts a group; then the two groups most alike on average (over all pairs
    of their members) are merged while that mean reaches ``threshold``.

    >>> rows = np.array([[1, 0, 0], [0.96, 0.28, 0], [0, 0, 1], [0, 0.28, 0.96]], dtype=np.float32)
    >>> cluster(rows, ["de"] * 4, 0.9, 0.0), cluster(rows, ["de"] * 4, 0.99, 0.0)
    ([[0, 1], [2, 3]], [[0], [1], [2], [3]])
    >>> cluster(rows, ["de", "ar", "de", "ar"], 0.99, 0.04)
    [[0, 1], [2, 3]]
    """
    codes = {code: index for index, code in enumerate(dict.fromkeys(languages))}
    total, dimensions = vectors.shape
    sums = np.zeros((total, dimensions), dtype=np.float64)
    counts = np.zeros((total, len(codes)), dtype=np.float64)  # members per group and language
    members: List[List[int]] = []
    for index, (vector, language) in enumerate(zip(vectors, languages)):
        code = codes[language]
        if members:
            used = len(members)
            sizes = counts[:used].sum(axis=1)
            scores = (sums[:used] @ vector + cross_language * (sizes - counts[:used, code])) / sizes
            best = int(np.argmax(scores))
            if scores[best] >= threshold:
                members[best].append(index)
                sums[best] += vector
                counts[best, code] += 1
                continue
        sums[len(members)] = vector
        counts[len(members), code] = 1
        members.append([index])
    used = len(members)
    return _merge(members, sums[:used], counts[:used], threshold, cross_language)


def _merge(members: List[List[int]], sums: np.ndarray, counts: np.ndarray, threshold: float,
           cross_language: float) -> List[List[int]]:
    """Merge the two groups with the highest mean similarity between their members while it reaches ``threshold``."""
    alive = list(range(len(members)))
    products = sums @ sums.T
    shared = counts @ counts.T  # pairs of members in the same language
    sizes = counts.sum(axis=1)
    while len(alive) > 1:
        index = np.array(alive)
        pairs = np.outer(sizes[index], sizes[index])
        means = (products[np.ix_(index, index)] + cross_language * (pairs - shared[np.ix_(index, index)])) / pairs
        np.fill_diagonal(means, -np.inf)
        a, b = np.unravel_index(int(np.argmax(means)), means.shape)
        if means[a, b] < threshold:
            break
        keep, gone = sorted((int(index[a]), int(index[b])))
        members[keep] += members[gone]
        sizes[keep] += sizes[gone]
        for matrix in (products, shared):
            matrix[keep, :] += matrix[gone, :]
            matrix[:, keep] += matrix[:, gone]
        alive.remove(gone)
    return [sorted(members[i]) for i in alive]


def central(vectors: np.ndarray, group: Sequence[int]) -> int:
    """The member of ``group`` most similar to the others on average (the first of a group of one).

    >>> rows = np.array([[1, 0], [0.8, 0.6], [0.6, 0.8]], dtype=np.float32)
    >>> central(rows, [0, 1, 2])
    1
    """
    if len(group) == 1:
        return group[0]
    part = vectors[list(group)]
    similarity = part @ part.sum(axis=0) - 1.0
    return group[int(np.argmax(similarity))]


def _vectors(gaps: List[ContentGap]) -> np.ndarray:
    """The gaps' stored embeddings; those without one are embedded now and stored."""
    from bot.content.models import ContentGap
    from bot.encoder import DIMENSIONS, encoder

    rows = np.zeros((len(gaps), DIMENSIONS), dtype=np.float32)
    missing = []
    for index, gap in enumerate(gaps):
        stored = bytes(gap.embedding) if gap.embedding is not None else b""
        if len(stored) == DIMENSIONS * 4:
            rows[index] = np.frombuffer(stored, dtype=np.float32)
        else:
            missing.append(index)
    if missing:
        found = encoder().embed([gaps[i].text for i in missing])
        for index, row in zip(missing, found):
            rows[index] = row
            gaps[index].embedding = np.asarray(row, dtype=np.float32).tobytes()
        ContentGap.objects.bulk_update([gaps[i] for i in missing], ["embedding"], batch_size=200)
    return rows


def _item(gap: ContentGap) -> GapItem:
    return GapItem(gap.text, gap.language, gap.reason, gap.topic, gap.created_at)


def meaning_groups(language: Optional[str] = None, limit: int = GROUPED_GAPS) -> List[MeaningGroup]:
    """The latest ``limit`` gaps grouped by meaning, the largest group first (then the most recent).

    Raises :class:`bot.encoder.EncoderUnavailable` when the sentence encoder cannot run.
    """
    from bot.content.models import ContentGap

    gaps = ContentGap.objects.all()
    if language:
        gaps = gaps.filter(language=language)
    latest = list(gaps.order_by("-created_at", "-id")[:limit])
    latest.reverse()  # oldest first: the groups begin in the order the questions came
    if not latest:
        return []
    vectors = _vectors(latest)
    groups = []
    for group in cluster(vectors, [gap.language for gap in latest]):
        members = sorted((_item(latest[i]) for i in group), key=lambda item: item.created_at, reverse=True)
        groups.append(MeaningGroup(_item(latest[central(vectors, group)]), members))
    return sorted(groups, key=lambda g: (-g.count, -g.latest.timestamp()))


def unhelpful_answers(language: Optional[str] = None) -> List[AnswerGroup]:
    """The questions clients said an answer did not help with, by the answer given, the most frequent first."""
    from bot.content.models import ContentGap

    gaps = ContentGap.objects.filter(reason=GapReason.UNHELPFUL)
    if language:
        gaps = gaps.filter(language=language)
    by_topic: Dict[str, List[GapItem]] = {}
    for gap in gaps.order_by("-created_at", "-id")[:GROUPED_GAPS]:
        by_topic.setdefault(gap.topic, []).append(_item(gap))
    groups = [AnswerGroup(topic, items) for topic, items in by_topic.items()]
    return sorted(groups, key=lambda g: (-len(g.items), -g.items[0].created_at.timestamp()))
