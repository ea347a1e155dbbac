"""FAQ answers as the chat shows them, read from the database on every request.

An editor's change shows in the very next answer: nothing here is cached. The language falls
back from the client's language to English, then to the German source, skipping ``missing``
texts. An ``outdated`` translation (the German changed since) is still shown: a slightly old
answer in the client's language helps more than a current one in a language they may not read.

A legal answer ends with its Stand and its first source; an answer with a longer text offers a
"more" button, and one whose entry offers the integration manager a button for that.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Tuple

from bot.content.constants import SOURCE_LANGUAGE, ReviewState
from bot.content.models import FaqEntry, FaqText

#: Directory statuses of services that are no longer offered (not linked in answers).
CLOSED_SERVICE_STATUSES = ("inactive", "defunct")
#: Between a service's name and its phone number or website.
SERVICE_SEPARATOR = " · "


def fallback_order(language: str, fallback: Optional[str] = None) -> List[str]:
    """The languages to try for an answer, best first (each once).

    >>> fallback_order("ar", "en"), fallback_order("en", "en"), fallback_order("de", "en")
    (['ar', 'en', 'de'], ['en', 'de'], ['de', 'en'])
    """
    if fallback is None:
        from bot.languages import registry

        fallback = registry().fallback
    return list(dict.fromkeys([language, fallback, SOURCE_LANGUAGE]))


def pick_answer(answers: Dict[str, Tuple[str, str]], language: str, fallback: Optional[str] = None) -> Optional[str]:
    """The answer to show from ``{language: (answer, state)}``: the first non-missing in fallback order.

    >>> answers = {"de": ("Hallo", "reviewed"), "en": ("", "missing"), "ar": ("مرحبا", "outdated")}
    >>> pick_answer(answers, "ar", "en"), pick_answer(answers, "fa", "en"), pick_answer({}, "ar", "en")
    ('مرحبا', 'Hallo', None)
    """
    for code in fallback_order(language, fallback):
        answer, state = answers.get(code, ("", ReviewState.MISSING))
        if answer and state != ReviewState.MISSING:
            return answer
    return None


def _answers(entry: FaqEntry) -> Dict[str, Tuple[str, str]]:
    """The entry's answers and states by language (one query)."""
    return {language: (answer, state) for language, answer, state
            in FaqText.objects.filter(entry=entry).values_list("language", "answer", "state")}


def _entry_and_answer(key: str, language: str) -> Tuple[Optional[FaqEntry], Optional[str]]:
    entry = FaqEntry.objects.filter(key=key).first()
    return entry, (pick_answer(_answers(entry), language) if entry is not None else None)


def faq_answer(key: str, language: str) -> Optional[str]:
    """The answer of FAQ entry ``key`` the chat shows in ``language`` (with the fallback), unformatted.

    None when the entry does not exist (or has no answer in any fallback language).
    """
    return _entry_and_answer(key, language)[1]


@dataclass(frozen=True)
class FaqReply:
    """An FAQ answer as the chat shows it: its text and the buttons after it."""

    text: str
    buttons: List[Dict[str, str]] = field(default_factory=list)


#: Payload of the "more" button (the renderer answers with the longer text of the FAQ answer before it).
MORE_PAYLOAD = "/more_info"
#: Payload of the button that asks the integration manager.
HANDOVER_PAYLOAD = "/request_handover"


def faq_reply(key: str, language: str) -> Optional[FaqReply]:
    """The complete chat message of FAQ entry ``key``, or None as :func:`faq_answer`."""
    from bot.nlg import labels

    entry, answer = _entry_and_answer(key, language)
    if entry is None or answer is None:
        return None
    text = compose(answer, entry, language)
    if entry.legal and entry.stand:
        text += "\n\n" + stand_line(entry, language)
    buttons = []
    if pick_more(entry, language):
        buttons.append({"title": labels.localized(labels.MORE, language), "payload": MORE_PAYLOAD})
    if entry.handover == "offer":
        buttons.append({"title": labels.localized(labels.ASK_MANAGER, language), "payload": HANDOVER_PAYLOAD})
    return FaqReply(text, buttons)


def stand_line(entry: FaqEntry, language: str) -> str:
    """"Stand: Dezember 2026 · Quelle: <url>" in the client's language (the first source with a web address)."""
    from bot.i18n.bidi import RLM, isolate
    from bot.i18n.formatting import format_value
    from bot.languages import registry
    from bot.nlg import labels

    line = labels.localized(labels.STAND, language, stand=format_value(entry.stand.isoformat(), language, "stand_month"))
    url = next((s.get("url") for s in entry.sources or [] if s.get("url")), None)
    if url:
        link = isolate(url) if registry()[language].is_rtl else url
        line += SERVICE_SEPARATOR + labels.localized(labels.SOURCE, language, url=link)
    return RLM + line if registry()[language].is_rtl else line


def pick_more(entry: FaqEntry, language: str) -> Optional[str]:
    """The entry's longer text in the client's language, with the same fallback as the answer."""
    texts = {language: (more, state) for language, more, state
             in FaqText.objects.filter(entry=entry).values_list("language", "more", "state")}
    return pick_answer(texts, language)


def faq_more(key: str, language: str) -> Optional[str]:
    """The longer text of FAQ entry ``key`` as the chat shows it, or None when it has none."""
    from bot.i18n.bidi import rtl_text
    from bot.languages import registry

    entry = FaqEntry.objects.filter(key=key).first()
    more = pick_more(entry, language) if entry is not None else None
    if not more:
        return None
    return rtl_text(more) if registry()[language].is_rtl else more


def linked_services(entry: FaqEntry) -> List[Any]:
    """The directory services linked to the entry that are still offered, by name."""
    return list(entry.services.exclude(status__in=CLOSED_SERVICE_STATUSES).select_related("organization")
                .prefetch_related("phones", "contacts__phones", "service_at_locations__location__phones")
                .order_by("name"))


def service_line(service: Any, language: str) -> str:
    """One line for a linked service: its name and phone number, else its website (localized labels)."""
    from bot.directory.api.offices import office_info
    from bot.i18n.bidi import isolate
    from bot.languages import registry
    from bot.nlg import labels

    office = office_info(service)
    name = isolate(office.name) if registry()[language].is_rtl else office.name
    if office.phone:
        return name + SERVICE_SEPARATOR + labels.localized(labels.PHONE, language, phone=office.phone)
    if office.url:
        return name + SERVICE_SEPARATOR + labels.localized(labels.WEBSITE, language, url=office.url)
    return name


def compose(answer: str, entry: FaqEntry, language: str) -> str:
    """``answer`` as the chat shows it: the linked services appended one per line; in right-to-left
    languages every paragraph marked RTL and German names, numbers and addresses isolated."""
    from bot.i18n.bidi import RLM, rtl_text
    from bot.languages import registry

    rtl = registry()[language].is_rtl
    lines = [service_line(service, language) for service in linked_services(entry)] if entry.pk else []
    text = rtl_text(answer) if rtl else answer
    if lines:  # already isolated: only the paragraph mark is missing
        text += "\n\n" + "\n".join(RLM + line if rtl else line for line in lines)
    return text
