"""Content gaps for editors: what clients asked that the bot could not answer, grouped by meaning.

The groups come from :func:`bot.content.gaps.meaning_groups` (the sentence encoder), not from the
topic the bot guessed, which is often wrong for exactly these messages. Answers that did not help
(the client said "no" right after them) are listed by the answer given, named by its FAQ title.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Optional

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from bot.content import gaps
from bot.content.constants import GapReason
from bot.content.gaps import AnswerGroup, GapItem, MeaningGroup
from bot.content.models import FaqEntry
from bot.encoder import EncoderUnavailable
from bot.handover.summary import intent_label
from bot.web.views.content.access import editor_required, language_name, languages
from bot.web.views.content.forms import LanguageFilterForm

#: How many messages of a group the page shows (the latest).
SHOWN_EXAMPLES = 5


@dataclass(frozen=True)
class Shown:
    """A gap as the page shows it: the message, its language's name and direction, what the bot did."""

    item: GapItem
    language_name: str
    direction: str
    reason: str
    #: The answer the bot gave (unhelpful) or guessed (not understood), as editors read it.
    answer: str
    entry_key: Optional[str]


@dataclass(frozen=True)
class ShownGroup:
    """A group of messages that mean the same."""

    label: Shown
    examples: List[Shown]
    count: int
    languages: List[str]
    group: MeaningGroup


@dataclass(frozen=True)
class ShownAnswer:
    """The questions one answer did not help with."""

    title: str
    entry_key: Optional[str]
    questions: List[Shown]


def topic_label(topic: str, titles: Dict[str, str]) -> str:
    """A topic as editors read it: the FAQ entry's title, or the German name of the intent.

    >>> topic_label("faq/dff", {"dff": "Deutschkurse"}), topic_label("faq/neu", {}), topic_label("book_appointment", {})
    ('Deutschkurse', 'FAQ neu', 'Termin vereinbaren')
    >>> topic_label("", {})
    'ohne Thema'
    """
    if not topic:
        return "ohne Thema"
    key = gaps.faq_key(topic)
    if key:
        return titles.get(key) or f"FAQ {key}"
    return intent_label(topic)


class Labeller:
    """Turns gaps into what the page shows, with the FAQ titles and language names looked up once."""

    def __init__(self) -> None:
        self.titles = {key: title or key for key, title in FaqEntry.objects.values_list("key", "title")}
        self.names = {lang.code: (language_name(lang.code), lang.direction) for lang in languages()}

    def shown(self, item: GapItem) -> Shown:
        """One gap for the page."""
        name, direction = self.names.get(item.language, (item.language, "auto"))
        key = item.faq_key if item.faq_key in self.titles else None
        return Shown(item, name, direction, GapReason(item.reason).label if item.reason in GapReason.values
                     else item.reason, topic_label(item.topic, self.titles) if item.topic else "", key)

    def group(self, group: MeaningGroup) -> ShownGroup:
        """A meaning group for the page."""
        return ShownGroup(self.shown(group.label), [self.shown(item) for item in group.members[:SHOWN_EXAMPLES]],
                          group.count, [self.names.get(code, (code, ""))[0] for code in group.languages], group)

    def answer(self, group: AnswerGroup) -> ShownAnswer:
        """The questions an answer did not help with, for the page."""
        key = group.faq_key if group.faq_key in self.titles else None
        return ShownAnswer(topic_label(group.topic, self.titles), key, [self.shown(item) for item in group.items])


@require_GET
@editor_required
def gap_list(request: HttpRequest) -> HttpResponse:
    """Unanswered messages grouped by meaning (largest group first), and the answers that did not help."""
    names = {lang.code: language_name(lang.code) for lang in languages()}
    form = LanguageFilterForm(request.GET or None, languages=list(names.items()))
    language = form.value("language") or None
    labeller = Labeller()
    try:
        groups = [labeller.group(group) for group in gaps.meaning_groups(language)]
        encoder_missing = False
    except EncoderUnavailable:
        groups, encoder_missing = [], True
    return render(request, "content/gaps.html", {
        "form": form, "groups": groups, "encoder_missing": encoder_missing,
        "answers": [labeller.answer(group) for group in gaps.unhelpful_answers(language)],
        "total": sum(group.count for group in groups), "section": "gaps",
    })
