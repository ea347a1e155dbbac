"""Property-based tests: the webhook parsers never crash on any JSON, and splitting keeps every character."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.channels.splitting import split
from bot.channels.telegram.updates import inbound_from, parse
from bot.channels.whatsapp.payloads import parse as parse_whatsapp

JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
                    lambda children: st.lists(children, max_size=4)
                    | st.dictionaries(st.text(max_size=12), children, max_size=5), max_leaves=25)
KEYS = st.sampled_from(["update_id", "message", "callback_query", "chat", "id", "from", "text", "date", "data",
                        "location", "latitude", "longitude", "voice", "photo", "message_id", "type", "entry",
                        "changes", "value", "messages", "statuses", "interactive", "button_reply", "list_reply",
                        "timestamp", "status", "language_code", "first_name", "is_bot", "chat_instance"])
SHAPED = st.recursive(st.none() | st.booleans() | st.integers(-5, 2 ** 40) | st.floats() | st.text(max_size=10),
                      lambda children: st.lists(children, max_size=3) | st.dictionaries(KEYS, children, max_size=6),
                      max_leaves=40)
SLOW = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SLOW
@given(st.one_of(JSON, SHAPED))
def test_telegram_parsing_never_raises(data):
    update = parse(data)
    if update is not None:
        inbound_from(update)


@SLOW
@given(st.one_of(JSON, SHAPED, st.builds(lambda v: {"entry": [{"changes": [{"value": v}]}]}, SHAPED)))
def test_whatsapp_parsing_never_raises(data):
    messages, statuses = parse_whatsapp(data)
    assert all(m.inbound.address and m.inbound.external_id for m in messages)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab .!?\n።؟"), max_size=400), st.integers(1, 60))
def test_split_parts_fit_and_keep_the_text(text, limit):
    parts = split(text, limit)
    assert all(len(p) <= limit for p in parts) and (all(parts) or parts == [text])
    assert "".join("".join(p.split()) for p in parts) == "".join(text.split())
