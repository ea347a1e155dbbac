"""Four-eyes review of the German FAQ texts (the district's ``ReviewPolicy`` or ``LOTSE_FOUR_EYES=1``):
changes wait for a second person.

With the setting off, :func:`submit` saves at once through :func:`bot.content.review.save_text`.
With it on, a change of a German text becomes a :class:`~bot.content.models.FaqProposal`; the chat
(which reads the saved text) keeps the approved version until a second person, a ``reviewer:de`` or
a superuser who is not the author, approves it (:func:`approve`). Approval saves the change under the
usual review rules (new version, translations outdated) with the author and the approver recorded.
Translations are not affected: their review state is their safeguard.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from django.db import transaction

from bot.content import review
from bot.content.constants import NOTE_REVERTED
from bot.content.models import FaqProposal, FaqRevision, FaqText
from bot.content.review import ApprovalNotAllowed


class ProposalOutdated(ValueError):
    """The text changed after the proposal was written: it cannot be approved as it is."""

    def __init__(self, proposal: FaqProposal, version: int) -> None:
        super().__init__(f"{proposal} was written for version {proposal.base_version}, the text is at {version}")
        self.proposal = proposal
        self.version = version


@dataclass(frozen=True)
class Submitted:
    """What became of a change: saved (``revision``), or waiting for approval (``proposal``)."""

    revision: Optional[FaqRevision] = None
    proposal: Optional[FaqProposal] = None

    @property
    def waiting(self) -> bool:
        """Whether the change waits for a second person's approval."""
        return self.proposal is not None


def pending(text: FaqText) -> Optional[FaqProposal]:
    """The text's open proposal, if any."""
    if text.pk is None:
        return None
    return FaqProposal.objects.filter(text_id=text.pk).select_related("author").first()


def submit(text: FaqText, *, answer: str, examples: str, more: Optional[str] = None, user: Any = None,
           minor: bool = False, reviewed: bool = False, note: str = "") -> Submitted:
    """Save a change of ``text`` (saved text rows only), or propose it when four-eyes review applies.

    Saving the live content again withdraws an open proposal and changes nothing.
    """
    if not review.four_eyes(text.language):
        return Submitted(revision=review.save_text(text, answer=answer, examples=examples, more=more, user=user,
                                                   minor=minor, reviewed=reviewed, note=note))
    return Submitted(proposal=propose(text, answer=answer, examples=examples, more=more, user=user, minor=minor,
                                      note=note), revision=None)


def propose(text: FaqText, *, answer: str, examples: str, more: Optional[str] = None, user: Any = None,
            minor: bool = False, note: str = "") -> Optional[FaqProposal]:
    """Record (or replace) the text's proposal; None when the content equals the live text (no proposal left)."""
    answer, examples = review.clean_answer(answer), review.clean_examples(examples)
    with transaction.atomic():
        current = FaqText.objects.select_for_update().get(pk=text.pk)
        more = current.more if more is None else review.clean_answer(more)
        if (current.answer, current.examples, current.more) == (answer, examples, more):
            FaqProposal.objects.filter(text=current).delete()
            return None
        author = user if user is not None and getattr(user, "is_authenticated", False) else None
        proposal, _ = FaqProposal.objects.update_or_create(text=current, defaults={
            "answer": answer, "examples": examples, "more": more, "minor": minor, "note": note[:200],
            "base_version": current.version, "author": author})
    return proposal


def approve(proposal: FaqProposal, user: Any) -> FaqRevision:
    """A second person approves the proposal: it is saved (``reviewed``) and the chat shows it from now on.

    Raises :class:`~bot.content.review.ApprovalNotAllowed` for the author and for users who may not
    review German, :class:`ProposalOutdated` when the text changed since the proposal was written.
    """
    if not review.may_approve(user, proposal.author):
        reason = "own change" if proposal.author_id == getattr(user, "pk", None) else "no German reviewer"
        raise ApprovalNotAllowed(user, reason)
    with transaction.atomic():
        text = FaqText.objects.select_for_update().get(pk=proposal.text_id)
        if text.version != proposal.base_version:
            raise ProposalOutdated(proposal, text.version)
        revision = review.save_text(text, answer=proposal.answer, examples=proposal.examples, more=proposal.more,
                                    user=proposal.author, minor=proposal.minor, note=proposal.note,
                                    approved_by=user)
        proposal.delete()
    return revision


def may_discard(user: Any, proposal: FaqProposal) -> bool:
    """Whether ``user`` may discard the proposal: its author, or someone who may approve German changes."""
    return proposal.author_id == getattr(user, "pk", None) or review.can_review(user, proposal.text.language)


def discard(proposal: FaqProposal, user: Any) -> None:
    """Withdraw (the author) or reject (a reviewer) a proposal; the live text stays as it is."""
    if not may_discard(user, proposal):
        raise ApprovalNotAllowed(user, "neither author nor German reviewer")
    proposal.delete()


def revert(text: FaqText, version: int, user: Any = None) -> Submitted:
    """Restore an older version (as :func:`bot.content.review.revert`), as a proposal when four-eyes review applies."""
    old = text.revisions.filter(version=version).first()
    if old is None:
        raise ValueError(f"{text} has no version {version}")
    if not review.four_eyes(text.language):
        return Submitted(revision=review.revert(text, version, user))
    return submit(text, answer=old.answer, examples=old.examples, more=old.more, user=user,
                  note=NOTE_REVERTED.format(version=version))
