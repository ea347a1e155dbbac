"""The German summary of a ticket: a caseworker's note, built from intents, entities and the bot's responses.

No machine translation: every part is German wording (:mod:`bot.handover.wording`) for something the
bot already knows, so the integration manager reads German whatever language the client wrote.
No intent, slot or response name ever reaches the text. The summary is stored as JSON (the
names and their words) and rendered again when shown, so improved wording reaches old tickets.

>>> s = build_summary("find_language_course", {"course_level": "A1", "municipality": "Tübingen"}, "ar",
...                   ["find_language_course"], ["utter_courses_found", "utter_course", "utter_course", "utter_course"],
...                   place=("Tübingen", "Landkreis Tübingen"), consent=True)
>>> print("\\n".join(lines(s)))
Die Person schreibt auf Arabisch und sucht einen Deutschkurs.
Wohnort: Tübingen (Landkreis Tübingen); Deutschniveau: A1.
Lotse hat bereits 3 Deutschkurse in Tübingen genannt.
Der Gesprächsverlauf liegt bei.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple

from babel import Locale

from bot.handover import wording as w
from bot.handover.times import local_datetime, parse_time

#: Prefix of the FAQ responses (``utter_faq/<key>``).
FAQ_PREFIX = "utter_faq/"
#: Version of the stored summary's layout (1: before the caseworker's note).
VERSION = 2


def language_label(code: str) -> str:
    """The German name of a language.

    >>> language_label("ti"), language_label("fa"), language_label("xx")
    ('Tigrinya', 'Persisch', 'xx')
    """
    return Locale("de").languages.get(code, code)


def intent_label(intent: str) -> str:
    """The German label of an intent, else the intent's name (for editors, who know the names).

    >>> intent_label("book_appointment"), intent_label("something_new")
    ('Termin vereinbaren', 'something_new')
    """
    return w.TOPIC_LABELS.get(intent, intent)


def topic_label(intent: str) -> str:
    """The German topic of an intent for caseworkers: never a name.

    >>> topic_label("emergency"), topic_label("something_new")
    ('Notfall', 'Sonstiges Anliegen')
    """
    return w.TOPIC_LABELS.get(intent, w.OTHER_TOPIC)


def value_label(entity: str, value: Any, today: Optional[date] = None) -> str:
    """The German words for an entity value (lists joined; a chosen slot as local date and time).

    >>> value_label("course_need", "childcare"), value_label("course_level", "B1"), value_label("preferred_day", "1")
    ('Kinderbetreuung', 'B1', 'Dienstag')
    >>> value_label("appointment_slot", "3@2030-01-08T09:00:00+01:00", today=date(2030, 1, 2))
    'Di 8.1. 09:00'
    """
    if isinstance(value, (list, tuple)):
        return ", ".join(value_label(entity, item, today) for item in value)
    if entity == "appointment_slot":
        moment = parse_time(str(value).split("@", 1)[-1])
        return local_datetime(moment, today) if moment else "ausgewählt"
    return w.VALUE_LABELS.get(entity, {}).get(str(value), str(value))


def faq_key(response: str) -> Optional[str]:
    """The FAQ entry's key of an FAQ response, else None.

    >>> faq_key("utter_faq/wohngeld"), faq_key("utter_office")
    ('wohngeld', None)
    """
    return response[len(FAQ_PREFIX):] if response.startswith(FAQ_PREFIX) else None


def faq_titles(responses: Iterable[str]) -> Dict[str, str]:
    """The German titles of the FAQ entries among ``responses`` ({key: title}), from the editors' content."""
    from django.db import DatabaseError, transaction

    from bot.content.models import FaqEntry  # here: the pure functions above need no database or app registry

    keys = {key for key in map(faq_key, responses) if key}
    if not keys:
        return {}
    try:
        with transaction.atomic():  # a savepoint: a failure here must not break the caller's transaction
            rows = list(FaqEntry.objects.filter(key__in=keys).values_list("key", "title"))
    except DatabaseError:  # the summary then uses the short built-in titles
        return {}
    return {key: title for key, title in rows if title}


def answered_items(answered: Iterable[str]) -> List[Dict[str, Any]]:
    """What the bot answered, repeats counted: [{"response", "count", "items"}]; greetings etc. left out.

    Items following their list heading (``utter_course`` after ``utter_courses_found``) count into it.

    >>> answered_items(["utter_greet", "utter_default", "utter_default"])
    [{'response': 'utter_default', 'count': 2, 'items': 0}]
    """
    result: List[Dict[str, Any]] = []
    for response in answered:
        if response in w.SKIPPED_RESPONSES:
            continue
        last = result[-1] if result else None
        if last is not None and w.LIST_ITEMS.get(last["response"]) == response:
            last["items"] += 1
        elif last is not None and last["response"] == response:
            last["count"] += 1
        else:
            result.append({"response": response, "count": 1, "items": 0})
    return result


def _what(item_response: str, n: int) -> str:
    one, several, counted = w.ITEMS[item_response]
    return several if n == 0 else one if n == 1 else counted.format(n=n)


def answer_text(answer: Mapping[str, Any], town: str = "", titles: Optional[Mapping[str, str]] = None) -> str:
    """What the bot did, completing "Lotse hat …"; never a response name.

    >>> answer_text({"response": "utter_courses_found", "count": 1, "items": 0}, "Tübingen")
    'Deutschkurse in Tübingen genannt'
    >>> answer_text({"response": "utter_faq/wohngeld", "count": 1, "items": 0}, titles={"wohngeld": "Wohngeld"})
    'die FAQ-Antwort „Wohngeld“ gezeigt'
    >>> answer_text({"response": "utter_office", "count": 2, "items": 0})
    '2 zuständige Stellen mit Adresse genannt'
    >>> answer_text({"response": "utter_default", "count": 2, "items": 0})
    'eine Nachricht nicht verstanden und nachgefragt (zweimal)'
    >>> answer_text({"response": "utter_brand_new", "count": 3, "items": 0})
    '3 weitere Antworten gegeben'
    """
    response, count = str(answer.get("response", "")), int(answer.get("count") or 1)
    key = faq_key(response)
    if key is not None:
        title = (titles or {}).get(key) or w.FAQ_TITLES.get(key)
        text = w.FAQ_ANSWER.format(title=title) if title else w.FAQ_ANSWER_UNTITLED
    elif response in w.ANSWERS:
        item = w.LIST_ITEMS.get(response) or (response if response in w.ITEMS else None)
        n = int(answer.get("items") or 0) if response in w.LIST_ITEMS else count
        text = w.ANSWERS[response].format(what=_what(item, n) if item else "", in_place=f" in {town}" if town else "")
        if item == response:
            return text  # the repeats are the items
    else:
        one, several = w.OTHER_ANSWER
        return one if count == 1 else several.format(count=count)
    return text if count == 1 else f"{text} ({w.TIMES.get(count, f'{count}-mal')})"


def _joined(parts: List[str]) -> str:
    """One part as it is; several (each may hold an "und" of its own) as a list after a colon.

    >>> _joined(["a"]), _joined(["a", "b und c"])
    (' a', ': a; b und c')
    """
    return f" {parts[0]}" if len(parts) == 1 else ": " + "; ".join(parts)


def build_summary(intent: str, entities: Mapping[str, Any], language: str, asked: Iterable[str],
                  answered: Iterable[str], place: Optional[Tuple[str, str]] = None, urgent: bool = False,
                  consent: bool = False, titles: Optional[Mapping[str, str]] = None) -> Dict[str, Any]:
    """The structured summary (JSON-serializable).

    ``place`` is (municipality, district) from the directory; ``titles`` the FAQ entries' German
    titles ({key: title}, see :func:`faq_titles`); ``consent`` whether the transcript is attached.
    """
    details = [{"entity": name, "label": label, "value": value_label(name, entities[name])}
               for name, label in w.FACT_LABELS.items() if entities.get(name) not in (None, "", [])]
    questions = [i for i in dict.fromkeys(asked) if i not in w.SMALL_TALK and i != intent]
    answers = answered_items(answered)
    return {
        "version": VERSION,
        "topic": {"intent": intent, "label": topic_label(intent)},
        "urgent": urgent,
        "language": {"code": language, "label": language_label(language)},
        "place": {"municipality": place[0], "district": place[1]} if place else None,
        "details": details,
        "asked": [{"intent": i, "label": topic_label(i)} for i in questions if i in w.TOPIC_LABELS],
        "answered": [{**a, "text": answer_text(a, place[0] if place else "", titles)} for a in answers],
        "faq_titles": {k: v for k, v in (titles or {}).items() if any(faq_key(a["response"]) == k for a in answers)},
        "transcript": consent,
    }


@dataclass(frozen=True)
class CaseNote:
    """The summary as the ticket page shows it: what the client wants, gave, and what Lotse answered."""

    urgent: bool
    #: "Die Person schreibt auf Arabisch und sucht einen Deutschkurs."
    wants: str
    #: (label, value) of the facts the client gave, the place first.
    facts: List[Tuple[str, str]] = field(default_factory=list)
    #: Other topics the client asked about, in German.
    also_asked: List[str] = field(default_factory=list)
    #: What Lotse did, each completing "Lotse hat …".
    answered: List[str] = field(default_factory=list)
    #: Whether the conversation is attached (the client agreed).
    transcript: bool = False


def case_note(summary: Mapping[str, Any], consent: Optional[bool] = None,
              titles: Optional[Mapping[str, str]] = None) -> CaseNote:
    """The note of a stored summary (also of the first layout); ``consent`` overrides the stored flag."""
    topic = summary.get("topic") or {}
    intent = str(topic.get("intent", ""))
    language = (summary.get("language") or {}).get("code", "")
    titles = {**(summary.get("faq_titles") or {}), **(titles or {})}
    answered = summary.get("answered") or []
    wants = w.WANTS.get(intent, w.OTHER_WANTS)
    faq_answers = [k for k in (faq_key(str(a.get("response", ""))) for a in answered) if k]
    named = [titles.get(key) or w.FAQ_TITLES.get(key) for key in faq_answers]
    named = [title for title in named if title]
    if intent == "faq" and named:
        wants = f"hat eine Frage zu „{named[-1]}“"
    place = summary.get("place")
    facts = []
    if place:
        same = place.get("municipality") == place.get("district") or not place.get("district")
        facts.append(("Wohnort", place["municipality"] + ("" if same else f" ({place['district']})")))
    facts += [(w.FACT_LABELS.get(d.get("entity", ""), d.get("label", "")), str(d.get("value", "")))
              for d in summary.get("details") or [] if d.get("entity") in w.FACT_LABELS]
    town = place.get("municipality", "") if place else ""
    return CaseNote(
        urgent=bool(summary.get("urgent")),
        wants=f"Die Person schreibt auf {language_label(language)} und {wants}.",
        facts=facts,
        also_asked=[topic_label(a["intent"]) for a in summary.get("asked") or []
                    if a.get("intent") in w.TOPIC_LABELS and a.get("intent") != intent],
        answered=[answer_text(a, town, titles) for a in answered if a.get("response") not in w.SKIPPED_RESPONSES],
        transcript=bool(summary.get("transcript")) if consent is None else consent,
    )


def lines(summary: Mapping[str, Any], consent: Optional[bool] = None) -> List[str]:
    """The note as German sentences (one per line in the e-mail).

    >>> lines(build_summary("emergency", {}, "fa", [], ["utter_emergency"], urgent=True))[:2]
    ['DRINGEND.', 'Die Person schreibt auf Persisch und hat einen Notfall gemeldet.']
    """
    note = case_note(summary, consent)
    result = ["DRINGEND."] if note.urgent else []
    result.append(note.wants)
    if note.facts:
        result.append("; ".join(f"{label}: {value}" for label, value in note.facts) + ".")
    if note.also_asked:
        result.append("Außerdem gefragt: " + ", ".join(note.also_asked) + ".")
    result.append(f"Lotse hat bereits{_joined(note.answered)}." if note.answered
                  else "Lotse hat dazu noch nichts beantwortet.")
    result.append("Der Gesprächsverlauf liegt bei." if note.transcript else
                  "Kein Gesprächsverlauf (nicht zur Weitergabe freigegeben).")
    return result


def render(summary: Mapping[str, Any], consent: Optional[bool] = None) -> str:
    """The note as one German text.

    >>> text = render(build_summary("request_handover", {"service_type": "jobcenter"}, "uk", ["find_service"],
    ...                             ["utter_office", "utter_office_hours"], urgent=True))
    >>> print(text.replace(". ", ".\\n"))
    DRINGEND.
    Die Person schreibt auf Ukrainisch und möchte persönlich beraten werden.
    Gesuchte Stelle: Jobcenter.
    Außerdem gefragt: Zuständiges Amt / Beratungsstelle.
    Lotse hat bereits: die zuständige Stelle mit Adresse genannt; Öffnungszeiten genannt.
    Kein Gesprächsverlauf (nicht zur Weitergabe freigegeben).
    """
    return " ".join(lines(summary, consent))
