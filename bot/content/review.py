"""Review states of FAQ texts: every change goes through here, in one transaction.

The rules (tests in ``tests/content/test_review.py``):

- Every change bumps the text's ``version`` and writes a :class:`FaqRevision`.
- An empty answer is ``missing``.
- A saved translation is ``unreviewed``; ``reviewed`` only when the author may review that
  language (superuser or group ``reviewer:<lang>``) and says so. Its ``source_version`` becomes
  the German text's current version.
- Saving the German source makes every current (``reviewed`` or ``unreviewed``) translation
  ``outdated``, each with its own revision; a *minor* change keeps their states and moves their
  ``source_version`` along. German itself is ``unreviewed`` unless a ``reviewer:de`` saves it as reviewed.
- Saving identical content changes nothing (with ``reviewed=True`` it marks the text reviewed).
- A revert restores an old version's answer, examples and longer text as a new version, under the same rules.
- Four-eyes review (the district's :class:`~bot.content.models.ReviewPolicy`, switched by a superuser in
  the admin, or ``LOTSE_FOUR_EYES=1``; :mod:`bot.content.approval`): a change of the German text needs
  ``approved_by``, a second person who may review German and is not the author; without it
  :func:`save_text` raises :class:`ApprovalRequired` and writes nothing. The approved text is ``reviewed``.
"""

from __future__ import annotations

from typing import Any, Dict, Optional

from django.db import transaction
from django.db.models import Count

from bot import settings
from bot.content.constants import (NOTE_REVERTED, NOTE_REVIEWED, NOTE_SOURCE_CHANGED, SOURCE_LANGUAGE,
                                   ReviewState, reviewer_group)
from bot.content.models import FaqEntry, FaqRevision, FaqText, ReviewPolicy

#: States of a translation that is up to date with the German text it was written for.
CURRENT_STATES = (ReviewState.REVIEWED, ReviewState.UNREVIEWED)


class ReviewNotAllowed(PermissionError):
    """The user may not mark texts in this language reviewed."""

    def __init__(self, user: Any, language: str) -> None:
        super().__init__(f"{user or 'anonymous'} may not review texts in {language}")
        self.user = user
        self.language = language


class ApprovalRequired(PermissionError):
    """Four-eyes review is on: this change of the German text needs a second person's approval."""

    def __init__(self, text: FaqText) -> None:
        super().__init__(f"{text.entry.key} [{text.language}]: a change needs a second person's approval")
        self.text = text


class ApprovalNotAllowed(PermissionError):
    """The user may not approve this change: they wrote it, or they may not review German."""

    def __init__(self, user: Any, reason: str) -> None:
        super().__init__(f"{user or 'anonymous'} may not approve: {reason}")
        self.user = user
        self.reason = reason


def four_eyes(language: str) -> bool:
    """Whether changes of texts in ``language`` need a second person's approval: German, when the district
    switched it on in the admin (:class:`~bot.content.models.ReviewPolicy`) or ``LOTSE_FOUR_EYES=1`` forces it."""
    if language != SOURCE_LANGUAGE:
        return False
    return bool(settings.FOUR_EYES) or ReviewPolicy.current().four_eyes


def may_approve(user: Any, author: Any) -> bool:
    """Whether ``user`` may approve a change by ``author``: a German reviewer or superuser, and someone else."""
    if not can_review(user, SOURCE_LANGUAGE):
        return False
    return author is None or getattr(author, "pk", None) != user.pk


def clean_answer(answer: str) -> str:
    """An answer as stored: Unix line ends, no surrounding blanks.

    >>> clean_answer("  Hallo\\r\\nWelt \\n")
    'Hallo\\nWelt'
    """
    return answer.replace("\r\n", "\n").replace("\r", "\n").strip()


def clean_examples(examples: str) -> str:
    """Example questions as stored: one per line, stripped, empty lines dropped.

    >>> clean_examples(" was ist dff \\r\\n\\n  wer darf in den kurs\\n")
    'was ist dff\\nwer darf in den kurs'
    """
    return "\n".join(line.strip() for line in examples.splitlines() if line.strip())


def can_review(user: Any, language: str) -> bool:
    """Whether ``user`` may mark texts in ``language`` reviewed (superuser or ``reviewer:<lang>``)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(user.is_superuser or user.groups.filter(name=reviewer_group(language)).exists())


def source_text(entry: FaqEntry) -> FaqText:
    """The entry's German text (the source every translation follows)."""
    return FaqText.objects.get(entry=entry, language=SOURCE_LANGUAGE)


def latest_revision(text: FaqText) -> Optional[FaqRevision]:
    """The text's newest revision, or None before the first save."""
    return text.revisions.order_by("-version").first()


def _author(user: Any) -> Any:
    """The user to record as author (None for anonymous or no user)."""
    return user if user is not None and getattr(user, "is_authenticated", False) else None


def _locked(text: FaqText) -> FaqText:
    """A fresh copy of ``text``, locked for the current transaction (PostgreSQL; SQLite locks on write)."""
    return FaqText.objects.select_for_update().get(pk=text.pk)


def _source_version(entry_id: int) -> int:
    """The current version of the entry's German text (0 when there is none)."""
    version = (FaqText.objects.filter(entry_id=entry_id, language=SOURCE_LANGUAGE)
               .values_list("version", flat=True).first())
    return version or 0


def _write(text: FaqText, *, state: str, user: Any, minor: bool = False, note: str = "",
           approved_by: Any = None) -> FaqRevision:
    """Bump the version, save the text and record the revision (inside the caller's transaction)."""
    text.version += 1
    text.state = state
    text.updated_by = _author(user)
    text.save()
    return FaqRevision.objects.create(text=text, version=text.version, answer=text.answer, examples=text.examples,
                                      more=text.more, state=state, minor=minor, note=note[:200], author=_author(user),
                                      approved_by=_author(approved_by))


def _sync(original: FaqText, saved: FaqText) -> None:
    """Copy the saved fields back onto the caller's instance."""
    for field in ("answer", "examples", "more", "state", "version", "source_version", "updated_by_id", "updated_at"):
        setattr(original, field, getattr(saved, field))


def _follow_source(source: FaqText, *, minor: bool, user: Any) -> None:
    """Let the entry's current translations follow a changed German text (see module docstring)."""
    translations = (FaqText.objects.select_for_update().filter(entry_id=source.entry_id, state__in=CURRENT_STATES)
                    .exclude(language=SOURCE_LANGUAGE))
    for translation in translations:
        if minor:
            translation.source_version = source.version
            translation.save(update_fields=["source_version"])
        else:
            _write(translation, state=ReviewState.OUTDATED, user=user, note=NOTE_SOURCE_CHANGED)


def save_text(text: FaqText, *, answer: str, examples: str, more: Optional[str] = None, user: Any = None,
              minor: bool = False, reviewed: bool = False, note: str = "", vouched: bool = False,
              approved_by: Any = None) -> FaqRevision:
    """Save a new answer, example questions and longer text (``more``; None keeps it) for ``text``.

    Returns the new (or latest) revision.

    Raises :class:`ReviewNotAllowed` (and writes nothing) when ``reviewed`` is asked for by
    someone who may not review the language, unless the caller ``vouched`` for the review (the
    operator's ``lotse content import --reviewed`` of a professional translator's file).
    ``minor`` only matters for the German text. ``text`` is updated in place.

    With four-eyes review on, a change of the German text needs ``approved_by`` (see
    :func:`may_approve`; :class:`ApprovalRequired` or :class:`ApprovalNotAllowed` otherwise); the
    approved text is ``reviewed`` and its revision names the approver beside the author ``user``.
    """
    answer, examples = clean_answer(answer), clean_examples(examples)
    more = clean_answer(more) if more is not None else None
    if approved_by is not None:
        if not may_approve(approved_by, _author(user)):
            raise ApprovalNotAllowed(approved_by, "own change or no German reviewer")
        reviewed = bool(answer)
    elif reviewed and answer and not vouched and not can_review(user, text.language):
        raise ReviewNotAllowed(user, text.language)
    with transaction.atomic():
        current = _locked(text)
        latest = latest_revision(current)
        more = current.more if more is None else more
        if latest is not None and (current.answer, current.examples, current.more) == (answer, examples, more):
            if reviewed and answer and current.state != ReviewState.REVIEWED:
                revision = _mark_reviewed(current, approved_by or user)
                _sync(text, current)
                return revision
            _sync(text, current)
            return latest
        if approved_by is None and four_eyes(current.language):
            raise ApprovalRequired(current)
        current.answer, current.examples, current.more = answer, examples, more
        if not answer:
            state = ReviewState.MISSING
        else:
            state = ReviewState.REVIEWED if reviewed else ReviewState.UNREVIEWED
        is_source = current.language == SOURCE_LANGUAGE
        if not is_source:
            current.source_version = _source_version(current.entry_id)
        revision = _write(current, state=state, user=user, minor=minor and is_source, note=note,
                          approved_by=approved_by)
        if is_source:
            current.source_version = current.version
            current.save(update_fields=["source_version"])
            _follow_source(current, minor=minor, user=user)
    _sync(text, current)
    return revision


def _mark_reviewed(current: FaqText, user: Any) -> FaqRevision:
    """Mark a locked, non-empty text reviewed against the current German version."""
    if current.language != SOURCE_LANGUAGE:
        current.source_version = _source_version(current.entry_id)
    return _write(current, state=ReviewState.REVIEWED, user=user, note=NOTE_REVIEWED)


def mark_reviewed(text: FaqText, user: Any) -> FaqRevision:
    """A native speaker confirms ``text`` (against the current German text); returns the revision.

    Raises :class:`ReviewNotAllowed` when the user may not review the language, ``ValueError``
    when the text is missing. Marking a reviewed text again changes nothing.
    """
    if not can_review(user, text.language):
        raise ReviewNotAllowed(user, text.language)
    with transaction.atomic():
        current = _locked(text)
        if current.state == ReviewState.MISSING or not current.answer:
            raise ValueError(f"{current} has no answer to review")
        latest = latest_revision(current)
        if current.state == ReviewState.REVIEWED and latest is not None:
            revision = latest
        else:
            revision = _mark_reviewed(current, user)
    _sync(text, current)
    return revision


def revert(text: FaqText, version: int, user: Any = None) -> FaqRevision:
    """Restore the answer, examples and longer text of an older version as a new version (same rules as a save).

    Raises ``ValueError`` when the text has no such version. The restored text is ``unreviewed``
    (or ``missing``), whatever the old version's state was: it has to be reviewed again.
    """
    old = text.revisions.filter(version=version).first()
    if old is None:
        raise ValueError(f"{text} has no version {version}")
    return save_text(text, answer=old.answer, examples=old.examples, more=old.more, user=user,
                     note=NOTE_REVERTED.format(version=version))


def coverage() -> Dict[str, Dict[str, int]]:
    """Per language, how many FAQ entries are in each review state (entries without a text count as missing).

    Every registry language and every state appear, with 0 where there are none.
    """
    from bot.languages import registry

    entries = FaqEntry.objects.count()
    counts = {code: _no_states() for code in registry().codes}
    rows = FaqText.objects.values("language", "state").annotate(n=Count("id")).order_by()
    for row in rows:
        counts.setdefault(row["language"], _no_states())[row["state"]] += row["n"]
    for states in counts.values():
        states[ReviewState.MISSING.value] += entries - sum(states.values())
    return counts


def _no_states() -> Dict[str, int]:
    """A zero count for every review state."""
    return {state.value: 0 for state in ReviewState}
