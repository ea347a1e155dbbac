"""Short client-facing phrases the actions put into responses (course types, opening state, …).

Each label is a catalog message (``N_``); :func:`localized` translates one and fills its
placeholders the way the renderer fills responses.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterable, List, Tuple

from babel.dates import format_time, get_day_names

from bot.i18n.formatting import babel_locale
from bot.i18n.markers import N_
from bot.nlg.renderer import fill, translated

Label = Tuple[str, str]

COURSE_TYPES = {
    "integration_general": N_("course_type|integration_general", "Integrationskurs"),
    "integration_youth": N_("course_type|integration_youth", "Integrationskurs für junge Erwachsene"),
    "integration_parents": N_("course_type|integration_parents", "Integrationskurs für Eltern"),
    "integration_women": N_("course_type|integration_women", "Integrationskurs für Frauen"),
    "integration_literacy": N_("course_type|integration_literacy", "Integrationskurs mit Alphabetisierung"),
    "integration_intensive": N_("course_type|integration_intensive", "Intensivkurs"),
    "integration_second_writing_system": N_("course_type|integration_second_writing_system",
                                            "Integrationskurs für Zweitschriftlernende"),
    "job_german": N_("course_type|job_german", "Berufssprachkurs"),
    "vwv_deutsch": N_("course_type|vwv_deutsch", "Deutschkurs des Landes (VwV Deutsch)"),
}
#: Fallback for a course type the catalogs do not name.
COURSE = N_("course_type|other", "Deutschkurs")
LEVEL = N_("course|level", "Niveau {level}")
LEVEL_ALPHA = N_("course|level_alpha", "Lesen und Schreiben lernen")
WITH_CHILDCARE = N_("course|childcare", "mit Kinderbetreuung")
WOMEN_ONLY = N_("course|women_only", "nur für Frauen")
FREE_SEATS = N_("course|free_seats", "Freie Plätze: {free_seats}")
FULL = N_("course|full", "zurzeit ausgebucht, Warteliste möglich")

OPEN_NOW = N_("opening|open_now", "Jetzt geöffnet bis {closes_time}.")
CLOSED_NOW = N_("opening|closed_now", "Jetzt geschlossen. Wieder geöffnet: {next_datetime}.")
CLOSED_HOLIDAY = N_("opening|holiday", "Heute ist Feiertag, das Amt ist geschlossen. Wieder geöffnet: {next_datetime}.")
BY_APPOINTMENT = N_("opening|by_appointment", "Nur mit Termin: Bitte rufen Sie vorher an oder schreiben Sie eine E-Mail.")
NO_HOURS = N_("opening|unknown", "Die Öffnungszeiten habe ich nicht. Bitte rufen Sie vorher an.")
PHONE = N_("contact|phone", "Telefon: {phone}")
EMAIL = N_("contact|email", "E-Mail: {email}")
WEBSITE = N_("contact|website", "Internet: {url}")
APPOINTMENT = N_("appointment|line", "{when_datetime}: {manager}, {where}")
SAMPLE = N_("directory|sample", "Beispieldaten: Diese Angaben sind erfunden, sie gelten nicht wirklich.")
MORE = N_("faq|more", "Mehr dazu")
ASK_MANAGER = N_("faq|ask_manager", "Integrationsmanagement fragen")
STAND = N_("faq|stand", "Stand: {stand}")
SOURCE = N_("faq|source", "Quelle: {url}")


def localized(label: Label, language: str, **values: Any) -> str:
    """The label in ``language`` with its placeholders filled."""
    return fill(translated(language, *label), values, language)


def weekly_hours(hours: Iterable[Tuple[int, dt.time, dt.time]], language: str, separator: str = "\n") -> str:
    r"""Opening periods in the language's own words, consecutive days with equal hours joined.

    >>> weekly_hours([(0, dt.time(8), dt.time(12)), (1, dt.time(8), dt.time(12)), (3, dt.time(14), dt.time(16))], "de")
    'Montag–Dienstag: 08:00–12:00\nDonnerstag: 14:00–16:00'
    """
    locale = babel_locale(language)
    days = get_day_names("wide", locale=locale)
    groups: List[List[Any]] = []  # [first day, last day, opens, closes]
    for weekday, opens, closes in sorted(hours, key=lambda h: (h[1], h[2], h[0])):
        last = groups[-1] if groups else None
        if last and last[2:] == [opens, closes] and last[1] == weekday - 1:
            last[1] = weekday
        else:
            groups.append([weekday, weekday, opens, closes])
    lines = []
    for first, last, opens, closes in sorted(groups):
        span = f"{format_time(opens, 'short', locale=locale)}–{format_time(closes, 'short', locale=locale)}"
        named = days[first] if first == last else f"{days[first]}–{days[last]}"
        lines.append(f"{named}: {span}")
    return separator.join(lines)
