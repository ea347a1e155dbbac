"""The conversation as the web chat page shows it again after a reload, read from Rasa's tracker events.

Bot messages are ``bot`` events (``text`` and ``data.buttons``), client messages ``user`` events. Rasa's
REST channel sends a text without buttons as several messages, one per paragraph (``"\\n\\n"``), so the
page does the same here; a manager's reply or a reminder stays one message, as the polling shows it.
A pressed button's payload (``/choose_language{"language": "uk"}``) is shown as the button's title; a
command nobody saw as a button (``/greet`` after "bot", ``/request_handover`` for a typed ``/human``)
is not shown. Only the bot messages after the client's last message keep their buttons.

>>> events = [
...     {"event": "action", "name": "action_listen"},
...     {"event": "user", "text": "/choose_language", "timestamp": 1.0},
...     {"event": "bot", "text": "Welche Sprache?", "timestamp": 2.0,
...      "data": {"buttons": [{"title": "Українська", "payload": '/choose_language{"language": "uk"}'}]}},
...     {"event": "user", "text": '/choose_language{"language": "uk"}', "timestamp": 3.0},
...     {"event": "bot", "text": "Добре.\\n\\nЧим можу допомогти?", "timestamp": 4.0, "data": {"buttons": []}},
... ]
>>> [(m["from"], m["text"], len(m["buttons"])) for m in shown_messages(events, "Integrationsmanagement")]
[('bot', 'Welche Sprache?', 0), ('client', 'Українська', 0), ('bot', 'Добре.', 0), ('bot', 'Чим можу допомогти?', 0)]
>>> latest_time(events)
4.0
"""

from __future__ import annotations

from typing import Any, Dict, Iterable, List, Mapping

#: What Rasa reads as a command (intent, optionally entities): a leading slash.
COMMAND_PREFIX = "/"
#: The most messages the page shows again; older ones stay in the tracker until the retention period ends.
MAX_SHOWN = 200
#: Who wrote a message, as the page's JSON names it.
CLIENT, BOT = "client", "bot"
#: Bot messages that arrive without a client message (Rasa's reminders), shown by the polling.
PUSHED_RESPONSES = frozenset({"utter_appointment_reminder"})


def is_pushed(metadata: Mapping[str, Any]) -> bool:
    """Whether a bot event reached the conversation on its own: a manager's reply or a reminder."""
    return bool(metadata.get("from_manager")) or metadata.get("utter_action") in PUSHED_RESPONSES


def buttons_of(event: Mapping[str, Any]) -> List[Dict[str, str]]:
    """The well-formed buttons (``title`` and ``payload`` strings) of a ``bot`` event.

    >>> buttons_of({"data": {"buttons": [{"title": "Ja", "payload": "/affirm"}, {"title": 3}, "x"]}})
    [{'title': 'Ja', 'payload': '/affirm'}]
    >>> buttons_of({"data": None})
    []
    """
    data = event.get("data")
    buttons = data.get("buttons") if isinstance(data, dict) else None
    if not isinstance(buttons, list):
        return []
    return [{"title": b["title"], "payload": b["payload"]} for b in buttons
            if isinstance(b, dict) and isinstance(b.get("title"), str) and isinstance(b.get("payload"), str)]


def _metadata(event: Mapping[str, Any]) -> Mapping[str, Any]:
    metadata = event.get("metadata")
    return metadata if isinstance(metadata, dict) else {}


def _text(event: Mapping[str, Any]) -> str:
    text = event.get("text")
    return text if isinstance(text, str) else ""


def shown_messages(events: Iterable[Mapping[str, Any]], manager_label: str,
                   limit: int = MAX_SHOWN) -> List[Dict[str, Any]]:
    """The messages of a conversation as the page shows them: ``from``, ``text``, ``buttons``, ``label``.

    ``label`` is ``manager_label`` on a manager's replies, else empty. At most the last ``limit``.

    >>> for message in shown_messages([{"event": "user", "text": "/greet"}, {"event": "user", "text": "Hallo"},
    ...         {"event": "bot", "text": "Bitte.", "metadata": {"from_manager": True}}], "IM"):
    ...     print(message)
    {'from': 'client', 'text': 'Hallo', 'buttons': [], 'label': ''}
    {'from': 'bot', 'text': 'Bitte.', 'buttons': [], 'label': 'IM'}
    """
    offered: Dict[str, str] = {}  # payload → title of every button offered so far
    shown: List[Dict[str, Any]] = []
    for event in events:
        if not isinstance(event, dict):
            continue
        if event.get("event") == "bot":
            shown.extend(_bot_messages(event, manager_label, offered))
        elif event.get("event") == "user":
            text = _text(event).strip()
            if text.startswith(COMMAND_PREFIX):
                if text not in offered:
                    continue  # a command the page or the relay sent by itself
                text = offered[text]
            if text:
                shown.append({"from": CLIENT, "text": text, "buttons": [], "label": ""})
    last_client = max((i for i, m in enumerate(shown) if m["from"] == CLIENT), default=-1)
    for message in shown[:max(last_client, 0)]:
        message["buttons"] = []  # answered: only the latest turn's buttons can still be pressed
    return shown[-limit:] if limit > 0 else []


def _bot_messages(event: Mapping[str, Any], manager_label: str, offered: Dict[str, str]) -> List[Dict[str, Any]]:
    """One ``bot`` event as the page's messages (paragraphs apart, as Rasa's REST channel sends them)."""
    text, buttons, metadata = _text(event), buttons_of(event), _metadata(event)
    offered.update((b["payload"], b["title"]) for b in buttons)
    label = manager_label if metadata.get("from_manager") else ""
    if buttons or is_pushed(metadata):
        parts = [text.strip()]
    else:
        parts = [part for part in text.strip().split("\n\n") if part.strip()]
    messages: List[Dict[str, Any]] = [{"from": BOT, "text": part, "buttons": [], "label": label} for part in parts]
    if messages and buttons:
        messages[-1]["buttons"] = buttons
    return [m for m in messages if m["text"] or m["buttons"]]


def latest_time(events: Iterable[Mapping[str, Any]]) -> float:
    """The newest event's timestamp (Unix time), 0 without any: where the page's polling goes on from."""
    times = [event.get("timestamp") for event in events if isinstance(event, dict)]
    return max([0.0] + [float(t) for t in times if isinstance(t, (int, float)) and t == t and t != float("inf")])


def manager_message_ids(events: Iterable[Mapping[str, Any]]) -> List[int]:
    """The inbox message ids of the manager's replies among ``events`` (to mark them delivered)."""
    ids = [_metadata(e).get("message_id") for e in events if isinstance(e, dict) and e.get("event") == "bot"
           and _metadata(e).get("from_manager")]
    return [i for i in ids if isinstance(i, int)]
