"""Client-facing texts of the channels: German sources marked for the catalogs.

``lotse messages extract`` collects the ``N_("channels|…")`` texts; :func:`say` renders one in
the client's language (English, then German, when a translation is missing).
"""

from __future__ import annotations

from typing import Any, Tuple

from bot.i18n.markers import N_

VOICE = N_("channels|voice", "Sprachnachrichten kann ich leider noch nicht anhören. Bitte schreiben Sie mir Ihre "
                             "Frage. Wenn Sie lieber mit einem Menschen sprechen möchten, tippen Sie auf den Knopf.")
PHOTO = N_("channels|photo", "Bilder kann ich leider nicht ansehen. Bitte schreiben Sie mir in ein paar Worten, "
                             "worum es geht. Schicken Sie mir bitte keine Ausweise oder Bescheide.")
DOCUMENT = N_("channels|document", "Dokumente kann ich leider nicht öffnen. Bitte schreiben Sie mir, worum es geht. "
                                   "Bei Briefen und Bescheiden hilft Ihnen Ihr Integrationsmanagement.")
VIDEO = N_("channels|video", "Videos kann ich leider nicht ansehen. Bitte schreiben Sie mir Ihre Frage.")
STICKER = N_("channels|sticker", "Danke! Schreiben Sie mir gern, wobei ich helfen kann: Sprachkurse, Ämter und "
                                 "Termine.")
CONTACT = N_("channels|contact", "Kontakte kann ich nicht speichern. Bitte schreiben Sie mir Ihre Frage.")
OTHER = N_("channels|other", "Diese Art von Nachricht kann ich leider nicht lesen. Bitte schreiben Sie mir einen Text.")
LOCATION_NEAREST = N_("channels|location_nearest", "Danke für Ihren Standort. Diese Stellen sind in Ihrer Nähe:\n"
                                                   "{offices}")
LOCATION_ASK_TOWN = N_("channels|location_ask_town", "Danke für Ihren Standort. Bitte schreiben Sie mir den Namen "
                                                     "Ihres Ortes, dann suche ich die Stellen in Ihrer Nähe.")
TOO_LONG = N_("channels|too_long", "Ihre Nachricht ist zu lang für mich. Bitte schreiben Sie kürzer.")
UNAVAILABLE = N_("channels|unavailable", "Ich bin gerade nicht erreichbar. Bitte schreiben Sie mir in ein paar "
                                         "Minuten noch einmal.")
UNKNOWN_CODE = N_("channels|unknown_code", "Diesen Code kenne ich leider nicht. Bitte fragen Sie Ihr "
                                           "Integrationsmanagement nach einem neuen Link. Sie können mir trotzdem "
                                           "schon schreiben.")
BOUND = N_("channels|bound", "Sie sind jetzt mit Ihrem Integrationsmanagement verbunden: {manager}. Wenn Sie einen "
                             "Menschen brauchen, geht Ihre Anfrage direkt dorthin.")
FROM_MANAGER = N_("channels|from_manager", "Nachricht von Ihrem Integrationsmanagement:")
HUMAN_BUTTON = N_("channels|human_button", "Mit einem Menschen sprechen")
LIST_BUTTON = N_("channels|list_button", "Auswahl")

#: Descriptions of the Telegram commands (setMyCommands), per command.
COMMAND_START = N_("channels|command_start", "Gespräch beginnen")
COMMAND_LANGUAGE = N_("channels|command_language", "Sprache wählen")
COMMAND_HELP = N_("channels|command_help", "Was kann Lotse?")
COMMAND_HUMAN = N_("channels|command_human", "Mit einem Menschen sprechen")
COMMAND_DELETE = N_("channels|command_delete", "Meine Daten löschen")
COMMAND_BOT = N_("channels|command_bot", "Zurück zum Chatbot")


def say(language: str, text: Tuple[str, str], **values: Any) -> str:
    """The text in ``language`` from the catalogs, with ``{placeholders}`` filled."""
    from bot.nlg.renderer import fill, translated

    rendered = translated(language, *text)
    return fill(rendered, values, language) if values else rendered
