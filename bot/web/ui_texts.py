"""Client-facing texts of the web chat page, as catalog messages.

``N_`` only marks a text for extraction (``lotse messages extract`` collects
every ``N_(context, text)`` in the ``bot`` package); :func:`ui_texts` translates.
"""

from __future__ import annotations

from typing import Dict

from bot.i18n.markers import N_
from bot.nlg.renderer import translated

UI = {
    "title": N_("web_chat|title", "Lotse – Ihr Chat zum Ankommen in Baden-Württemberg"),
    "placeholder": N_("web_chat|placeholder", "Nachricht schreiben …"),
    "send": N_("web_chat|send", "Senden"),
    "unavailable": N_("web_chat|unavailable",
                      "Lotse ist gerade nicht erreichbar. Bitte versuchen Sie es gleich noch einmal."),
    "too_long": N_("web_chat|too_long", "Diese Nachricht ist zu lang. Bitte schreiben Sie kürzer."),
    "empty": N_("web_chat|empty", "Bitte schreiben Sie eine Nachricht."),
    "from_manager": N_("web_chat|from_manager", "Integrationsmanagement"),
    "welcome": N_("web_chat|welcome", "Hallo! Ich bin Lotse. Ich helfe bei Sprachkursen, Ämtern und Terminen. "
                                      "Fragen Sie zum Beispiel:"),
    "example_course": N_("web_chat|example_course", "Ich suche einen Deutschkurs"),
    "example_hours": N_("web_chat|example_hours", "Wann hat das Jobcenter offen?"),
    "example_appointment": N_("web_chat|example_appointment", "Ich möchte einen Termin"),
    "person_hint": N_("web_chat|person_hint", "Einen Menschen aus Ihrem Integrationsmanagement erreichen Sie, "
                                              "wenn Sie „Mensch“ schreiben."),
    "typing": N_("web_chat|typing", "Lotse schreibt …"),
    "you": N_("web_chat|you", "Sie"),
    "bot": N_("web_chat|bot", "Lotse"),
    "skip": N_("web_chat|skip", "Zum Eingabefeld springen"),
    "languages": N_("web_chat|languages", "Sprache wählen"),
    "end": N_("web_chat|end", "Gespräch beenden"),
    "end_confirm": N_("web_chat|end_confirm", "Gespräch auf diesem Gerät beenden? Wer das Gerät danach benutzt, "
                                              "sieht es nicht mehr."),
    "ended": N_("web_chat|ended", "Das Gespräch ist auf diesem Gerät beendet. Sie können ein neues beginnen."),
    "sample": N_("web_chat|sample", "Beispieldaten: Die Ämter, Kurse und Termine in diesem Chat sind erfunden."),
    "slow_down": N_("web_chat|slow_down", "Bitte warten Sie einen Moment, bevor Sie die nächste Nachricht senden."),
    "invalid": N_("web_chat|invalid", "Diese Nachricht konnte nicht gelesen werden. "
                                      "Bitte schreiben Sie sie noch einmal."),
    "cancel": N_("web_chat|cancel", "Abbrechen"),
}

#: The texts the page's script shows itself (passed to it as JSON; the others are in the page).
PAGE_SCRIPT_TEXTS = ("unavailable", "typing", "you", "bot", "ended")


def ui_texts(language: str) -> Dict[str, str]:
    """The chat page's texts in ``language``."""
    return {key: translated(language, context, source) for key, (context, source) in UI.items()}
