"""Property-based tests: the webhook parsers never crash on any JSON, and splitting keeps every character.

Each parser test also measures how many generated inputs were valid messages (reached the code behind
the parser) and fails when that share is too small: random JSON alone is never a valid update.
"""

from typing import List

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.channels.splitting import split
from bot.channels.telegram.updates import inbound_from, parse
from bot.channels.whatsapp.payloads import parse as parse_whatsapp
from tests.channels.strategies import JSON, TELEGRAM_UPDATES, WHATSAPP_NOTIFICATIONS, spoiled

KEYS = st.sampled_from(["update_id", "message", "callback_query", "chat", "id", "from", "text", "date", "data",
                        "location", "latitude", "longitude", "voice", "photo", "message_id", "type", "entry",
                        "changes", "value", "messages", "statuses", "interactive", "button_reply", "list_reply",
                        "timestamp", "status", "language_code", "first_name", "is_bot", "chat_instance"])
SHAPED = st.recursive(st.none() | st.booleans() | st.integers(-5, 2 ** 40) | st.floats() | st.text(max_size=10),
                      lambda children: st.lists(children, max_size=3) | st.dictionaries(KEYS, children, max_size=6),
                      max_leaves=40)
EXAMPLES = 300
SLOW = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow],
                database=None, derandomize=True)
#: The least share of generated inputs that must be valid messages (of all inputs, and of those drawn
#: from the strategies of valid payloads: groups, other business numbers and old messages are not).
MIN_VALID_SHARE = 0.2
MIN_VALID_SHARE_OF_VALID_STRATEGY = 0.6


def test_telegram_parsing_never_raises_and_most_inputs_are_updates():
    valid: List[bool] = []

    @SLOW
    @given(st.one_of(TELEGRAM_UPDATES, TELEGRAM_UPDATES, TELEGRAM_UPDATES, TELEGRAM_UPDATES, spoiled(TELEGRAM_UPDATES),
                     JSON, SHAPED))
    def check(data):
        update = parse(data)
        inbound = inbound_from(update) if update is not None else None
        if inbound is not None:
            assert inbound.channel == "telegram" and inbound.address and inbound.external_id
            assert isinstance(inbound.text, str)
        valid.append(inbound is not None)

    check()
    assert len(valid) >= EXAMPLES
    print(f"telegram: {sum(valid)} of {len(valid)} valid")
    assert sum(valid) / len(valid) >= MIN_VALID_SHARE, f"{sum(valid)} of {len(valid)} were valid updates"


@pytest.mark.parametrize("name", ["telegram", "whatsapp"])
def test_the_strategies_of_valid_payloads_mostly_produce_messages_that_are_answered(name):
    valid: List[bool] = []

    @SLOW
    @given(TELEGRAM_UPDATES if name == "telegram" else WHATSAPP_NOTIFICATIONS)
    def check(data):
        if name == "telegram":
            update = parse(data)
            valid.append(update is not None and inbound_from(update) is not None)
        else:
            valid.append(bool(parse_whatsapp(data)[0]))

    check()
    print(f"{name}: {sum(valid)} of {len(valid)} valid")
    assert sum(valid) / len(valid) >= MIN_VALID_SHARE_OF_VALID_STRATEGY, f"{sum(valid)} of {len(valid)}"


def test_whatsapp_parsing_never_raises_and_most_inputs_are_messages():
    valid: List[bool] = []

    @SLOW
    @given(st.one_of(WHATSAPP_NOTIFICATIONS, WHATSAPP_NOTIFICATIONS, WHATSAPP_NOTIFICATIONS,
                     spoiled(WHATSAPP_NOTIFICATIONS), JSON, SHAPED,
                     st.builds(lambda v: {"entry": [{"changes": [{"value": v}]}]}, SHAPED)))
    def check(data):
        messages, statuses = parse_whatsapp(data)
        assert all(m.inbound.address.isdigit() and m.inbound.external_id for m in messages)
        valid.append(bool(messages))

    check()
    assert len(valid) >= EXAMPLES
    print(f"whatsapp: {sum(valid)} of {len(valid)} valid")
    assert sum(valid) / len(valid) >= MIN_VALID_SHARE, f"{sum(valid)} of {len(valid)} had valid messages"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab .!?\n።؟"), max_size=400), st.integers(1, 60))
def test_split_parts_fit_and_keep_the_text(text, limit):
    parts = split(text, limit)
    assert all(len(p) <= limit for p in parts) and (all(parts) or parts == [text])
    assert "".join("".join(p.split()) for p in parts) == "".join(text.split())
