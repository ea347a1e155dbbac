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
}


def ui_texts(language: str) -> Dict[str, str]:
    """The chat page's texts in ``language``."""
    return {key: translated(language, context, source) for key, (context, source) in UI.items()}
