"""FAQ answers as the chat shows them, read from the database on every request.

An editor's change shows in the very next answer: nothing here is cached. The language falls
back from the client's language to English, then to the German source, skipping ``missing``
texts. An ``outdated`` translation (the German changed since) is still shown: a slightly old
answer in the client's language helps more than a current one in a language they may not read.
"""

from __future__ import annotations

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


def faq_reply(key: str, language: str) -> Optional[str]:
    """The complete chat text of FAQ entry ``key`` (answer and linked services), or None as :func:`faq_answer`."""
    entry, answer = _entry_and_answer(key, language)
    return compose(answer, entry, language) if entry is not None and answer is not None else None


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
