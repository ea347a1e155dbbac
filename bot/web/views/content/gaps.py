"""Content gaps for editors: what clients asked that the bot could not answer, by topic and language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Optional, Set, Tuple

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from bot.content import gaps
from bot.content.gaps import GapGroup
from bot.content.models import FaqEntry
from bot.handover.summary import intent_label
from bot.web.views.content.access import editor_required, language_name, languages
from bot.web.views.content.forms import LanguageFilterForm

#: How many redacted examples each group shows.
SHOWN_EXAMPLES = 3


@dataclass(frozen=True)
class Topic:
    """The gap groups of one topic (one per language), the total, and the FAQ entry it names, if any."""

    name: str
    label: str
    total: int
    #: Each language's group with the language's German name.
    rows: List[Tuple[GapGroup, str]]
    entry_key: Optional[str]


def entry_key(topic: str, keys: Set[str]) -> Optional[str]:
    """The FAQ key a gap topic names (``faq/<key>``), if that entry exists.

    >>> entry_key("faq/dff", {"dff"}), entry_key("faq/neu", {"dff"}), entry_key("find_language_course", {"dff"})
    ('dff', None, None)
    """
    key = gaps.faq_key(topic)
    return key if key in keys else None


def topic_label(topic: str) -> str:
    """A topic as editors read it: the FAQ key, or the German name of the intent.

    >>> topic_label("faq/dff"), topic_label("book_appointment"), topic_label("")
    ('FAQ dff', 'Termin vereinbaren', 'ohne Thema')
    """
    if not topic:
        return "ohne Thema"
    key = gaps.faq_key(topic)
    return f"FAQ {key}" if key else intent_label(topic)


def topics(groups: List[GapGroup], names: Dict[str, str]) -> List[Topic]:
    """The groups by topic, the topic with the most gaps first; ``names`` are the languages' names."""
    by_topic: Dict[str, List[GapGroup]] = {}
    for group in groups:
        by_topic.setdefault(group.topic, []).append(group)
    keys = set(FaqEntry.objects.values_list("key", flat=True))
    result = [Topic(name, topic_label(name), sum(g.count for g in members),
                    [(g, names.get(g.language, g.language)) for g in members], entry_key(name, keys))
              for name, members in by_topic.items()]
    return sorted(result, key=lambda topic: -topic.total)


@require_GET
@editor_required
def gap_list(request: HttpRequest) -> HttpResponse:
    """Unanswered messages grouped by topic and language, with counts and a few redacted examples."""
    names = {lang.code: language_name(lang.code) for lang in languages()}
    form = LanguageFilterForm(request.GET or None, languages=list(names.items()))
    return render(request, "content/gaps.html", {
        "form": form, "topics": topics(gaps.gap_groups(form.value("language") or None), names),
        "shown_examples": f":{SHOWN_EXAMPLES}", "section": "gaps",
    })
