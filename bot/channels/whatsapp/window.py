"""WhatsApp's 24-hour customer service window, tracked per client.

The window opens when the client writes (``Recipient.last_inbound_at``) and closes 24 hours
later. Inside it any message may be sent; outside it only an approved template
(WHATSAPP_TEMPLATE_NAME with one body parameter), so integration managers' replies and
reminders then go out as that template. Without a template they wait for the client's next
message.
"""

from __future__ import annotations

from datetime import datetime
from typing import Optional

from bot.channels import constants as c
from bot.channels import recipients
from bot.channels.models import Recipient

#: Languages WhatsApp templates can be approved in, of those Lotse speaks; others use German.
TEMPLATE_LANGUAGES = {"de": "de", "en": "en", "ar": "ar", "uk": "uk", "ru": "ru", "fa": "fa", "tr": "tr"}
TEMPLATE_FALLBACK = "de"
#: Longest template body parameter.
MAX_PARAMETER = 1024


def is_open(recipient: Recipient, now: Optional[datetime] = None) -> bool:
    """Whether a free-form message may be sent to the client now."""
    return recipients.window_open(recipient, now, c.WHATSAPP_WINDOW_HOURS)


def template_language(language: Optional[str]) -> str:
    """The template language code for a conversation language.

    >>> template_language("uk"), template_language("ti"), template_language(None)
    ('uk', 'de', 'de')
    """
    return TEMPLATE_LANGUAGES.get(language or "", TEMPLATE_FALLBACK)


def template_parameter(text: str) -> str:
    """A text as a template body parameter: no line breaks or tabs, no runs of spaces (Meta refuses them).

    >>> template_parameter("Eins\\n\\nZwei\\tdrei     vier")
    'Eins · Zwei drei vier'
    """
    lines = [" ".join(line.split()) for line in text.splitlines()]
    flat = " · ".join(line for line in lines if line)
    return flat[:MAX_PARAMETER]
