"""Hypothesis strategies for the webhook parsers and the fuzz runs: valid Telegram updates and WhatsApp
notifications as the platforms document them, the same with values of wrong types, and any JSON.

The valid strategies are what makes a property test test something: random JSON is almost never a
valid update (0 of 900 before these existed), so the code behind the parsers was never reached.
"""

from __future__ import annotations

import time
from typing import Any, Dict

from hypothesis import strategies as st

#: Any JSON value, small.
JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
                    lambda children: st.lists(children, max_size=4)
                    | st.dictionaries(st.text(max_size=12), children, max_size=5), max_leaves=25)
#: Text as clients write it: any script, emoji, control characters, lone surrogates, commands.
TEXT = st.one_of(st.text(max_size=60), st.sampled_from([
    "Hallo", "مرحبا", "Привіт", "ሰላም", "👍", "/start", "/delete", "/human", "/bot", "/greet",
    '/emergency{"municipality": "Tübingen"}', '/inform{"handover_consent": "yes"}', "\ud800", "a\x00b", "",
]))
#: A value of the wrong type anywhere.
WRONG = st.one_of(st.none(), st.booleans(), st.integers(-2 ** 70, 2 ** 70), st.floats(), st.text(max_size=5),
                  st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))

_ID = st.integers(1, 2 ** 40)
TG_USER = st.fixed_dictionaries({"id": _ID, "is_bot": st.just(False), "first_name": st.text(min_size=1, max_size=8)},
                                optional={"language_code": st.sampled_from(["uk", "ar", "de", "pt-br", "ti", "xx"])})
#: Mostly private chats (the only ones Lotse answers), some groups and channels.
TG_CHAT = st.fixed_dictionaries({"id": st.integers(-2 ** 40, 2 ** 40),
                                 "type": st.sampled_from(["private"] * 8 + ["group", "supergroup", "channel"])})
_FILE = st.fixed_dictionaries({"file_id": st.text(min_size=1, max_size=6), "file_unique_id": st.text(min_size=1, max_size=6)})
TG_CONTENT = st.one_of(
    st.fixed_dictionaries({"text": TEXT.filter(bool)}),
    st.fixed_dictionaries({"location": st.fixed_dictionaries({"latitude": st.floats(-90, 90),
                                                              "longitude": st.floats(-180, 180)})}),
    st.fixed_dictionaries({"voice": _FILE.map(lambda f: {**f, "duration": 3})}),
    st.fixed_dictionaries({"photo": st.lists(_FILE.map(lambda f: {**f, "width": 9, "height": 9}), min_size=1,
                                             max_size=2)}, optional={"caption": TEXT}),
    st.fixed_dictionaries({"sticker": _FILE.map(lambda f: {**f, "type": "regular", "width": 9, "height": 9,
                                                           "is_animated": False, "is_video": False})}),
)
TG_MESSAGE = st.builds(lambda base, content: {**base, **content},
                       st.fixed_dictionaries({"message_id": st.integers(1, 2 ** 31), "date": st.integers(0, 2 ** 31),
                                              "chat": TG_CHAT, "from": TG_USER}), TG_CONTENT)
TG_CALLBACK = st.fixed_dictionaries({"id": st.text(min_size=1, max_size=10), "from": TG_USER,
                                     "chat_instance": st.text(max_size=5), "message": TG_MESSAGE},
                                    optional={"data": TEXT.filter(lambda t: len(t.encode("utf-8", "replace")) <= 64)})
#: Valid Telegram updates: a message or a button press.
TELEGRAM_UPDATES = st.one_of(
    st.fixed_dictionaries({"update_id": st.integers(0, 2 ** 31), "message": TG_MESSAGE}),
    st.fixed_dictionaries({"update_id": st.integers(0, 2 ** 31), "callback_query": TG_CALLBACK}),
)


def _spoil(value: Any, draw: Any) -> Any:
    """``value`` with one nested value replaced by one of the wrong type."""
    if isinstance(value, dict) and value:
        key = draw(st.sampled_from(sorted(value)))
        changed = dict(value)
        changed[key] = _spoil(value[key], draw) if draw(st.booleans()) else draw(WRONG)
        return changed
    if isinstance(value, list) and value:
        index = draw(st.integers(0, len(value) - 1))
        return value[:index] + [_spoil(value[index], draw)] + value[index + 1:]
    return draw(WRONG)


@st.composite
def spoiled(draw: Any, valid: st.SearchStrategy) -> Any:
    """Valid payloads with one value of a wrong type somewhere."""
    return _spoil(draw(valid), draw)


#: The business number the channel is configured for (tests/channels/fakes.py: FakeWhatsApp).
WA_NUMBER_ID = "106540352242922"
WA_CONTENT = st.one_of(
    st.fixed_dictionaries({"type": st.just("text"), "text": st.fixed_dictionaries({"body": TEXT})}),
    st.fixed_dictionaries({"type": st.just("interactive"), "interactive": st.fixed_dictionaries(
        {"type": st.just("button_reply"), "button_reply": st.fixed_dictionaries({"id": TEXT, "title": st.text(max_size=20)})})}),
    st.fixed_dictionaries({"type": st.just("location"), "location": st.fixed_dictionaries(
        {"latitude": st.floats(-90, 90), "longitude": st.floats(-180, 180)})}),
    st.fixed_dictionaries({"type": st.sampled_from(["audio", "image", "document", "sticker", "video", "contacts",
                                                    "reaction", "unsupported"])}),
)


def _wa_message(sender: str, message_id: str, age: int, content: Dict[str, Any]) -> Dict[str, Any]:
    return {"from": sender, "id": message_id, "timestamp": str(int(time.time()) - age), **content}


WA_MESSAGE = st.builds(_wa_message, st.from_regex(r"49[0-9]{9,11}", fullmatch=True),
                       st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789=", min_size=4, max_size=40).map(
                           lambda s: f"wamid.{s}"),
                       st.sampled_from([0, 5, 60, 3600, 2 * 86400]), WA_CONTENT)


def wa_notification(messages: list, number_id: str = WA_NUMBER_ID) -> Dict[str, Any]:
    """A ``whatsapp_business_account`` notification carrying ``messages``."""
    return {"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [{"field": "messages", "value": {
        "messaging_product": "whatsapp", "metadata": {"display_phone_number": "15550001111", "phone_number_id": number_id},
        "messages": messages}}]}]}


#: Valid WhatsApp notifications, mostly to the configured number.
WHATSAPP_NOTIFICATIONS = st.builds(wa_notification, st.lists(WA_MESSAGE, min_size=1, max_size=2),
                                   st.sampled_from([WA_NUMBER_ID] * 6 + ["999"]))
