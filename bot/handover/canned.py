"""Short canned replies for integration managers, as catalog messages in every client language.

The German source is what the manager reads; the client gets the catalog's translation into the
ticket's language (``lotse messages extract`` collects these ``N_()`` texts). Missing translations
fall back to English, then German, and are shown as such.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import List

from bot.i18n import catalogs
from bot.i18n.markers import N_
from bot.languages import registry
from bot.nlg.renderer import translated

#: The canned replies: key → (catalog context, German source).
CANNED = {
    "call_tomorrow": N_("canned|call_tomorrow", "Ich rufe Sie morgen an."),
    "bring_documents": N_("canned|bring_documents",
                          "Bitte bringen Sie Ihre Unterlagen (Ausweis, Bescheide, Briefe) zum Termin mit."),
    "come_to_office": N_("canned|come_to_office",
                         "Bitte kommen Sie in meine Sprechstunde. Sie brauchen keinen Termin."),
    "working_on_it": N_("canned|working_on_it",
                        "Ich habe Ihre Nachricht gelesen und kümmere mich darum. Ich melde mich bald."),
    "send_phone": N_("canned|send_phone",
                     "Bitte schreiben Sie mir, unter welcher Telefonnummer und wann ich Sie erreichen kann."),
    "interpreter": N_("canned|interpreter", "Zum Termin bringe ich eine Dolmetscherin oder einen Dolmetscher mit."),
}


@dataclass(frozen=True)
class CannedReply:
    """A canned reply in a ticket's language: ``text`` for the client, ``german`` for the manager.

    ``language`` is the language ``text`` is in (the fallback's when the translation is missing).
    """

    key: str
    german: str
    text: str
    language: str
    translated: bool


def canned_replies(language: str) -> List[CannedReply]:
    """The canned replies in ``language``."""
    replies = []
    for key, (context, source) in CANNED.items():
        own = language == "de" or bool(catalogs.translate(language, context, source))
        text = translated(language, context, source)
        shown_in = language if own else (registry().fallback if text != source else "de")
        replies.append(CannedReply(key, source, text, shown_in, own))
    return replies
