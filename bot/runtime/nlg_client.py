"""Rasa's NLG callback with a lean request: the part of the conversation the renderer reads.

Rasa's own :class:`~rasa.core.nlg.CallbackNaturalLanguageGenerator` posts the whole tracker (every
event of the session, serialised) with each response, and serialises that body twice more for
debug log lines that are usually switched off. The renderer (:mod:`bot.nlg.renderer`) reads only
the slots, the latest message, whether the bot has spoken yet and, for the forms' questions, the
active form and what the bot said around the client's latest message. This generator sends the same
request format with just those: ``events`` holds at most the bot's latest utterance.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa.core.constants import DEFAULT_REQUEST_TIMEOUT
from rasa.core.nlg.callback import CallbackNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.exceptions import RasaException
from rasa.utils.endpoints import EndpointConfig

#: The ``type`` of the NLG endpoint in the endpoints file ``lotse run`` writes.
LEAN_NLG = f"{__name__}.LeanCallbackNLG"


def renderer_state(tracker: DialogueStateTracker) -> Dict[str, Any]:
    """The tracker as the renderer needs it.

    Sender, slots, latest message, the bot's latest utterance, the active form, the responses the
    bot uttered since the client's latest message (``turn_responses``) and the last one before it
    (``previous_response``).
    """
    latest_bot: Optional[BotUttered] = None
    turn: List[str] = []
    previous = None
    seen_user = False
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            if seen_user:
                break
            seen_user = True
        elif isinstance(event, BotUttered):
            latest_bot = latest_bot or event
            name = (event.metadata or {}).get("utter_action")
            if not seen_user:
                turn.append(name or "")
            else:
                previous = name
                break
    return {
        "sender_id": tracker.sender_id,
        "slots": tracker.current_slot_values(),
        "latest_message": tracker.latest_message.parse_data if tracker.latest_message else {},
        "events": [latest_bot.as_dict()] if latest_bot else [],
        "active_loop": tracker.active_loop_name,
        "turn_responses": list(reversed(turn)),
        "previous_response": previous,
    }


class LeanCallbackNLG(CallbackNaturalLanguageGenerator):
    """Rasa's NLG server protocol, with the lean tracker of :func:`renderer_state`."""

    def __init__(self, endpoint_config: EndpointConfig, domain: Optional[Domain] = None) -> None:
        """As Rasa's callback generator (Rasa passes the domain to custom generators; unused)."""
        super().__init__(endpoint_config)

    async def generate(self, utter_action: Text, tracker: DialogueStateTracker, output_channel: Text,
                       **kwargs: Any) -> Dict[Text, Any]:
        """Ask the NLG endpoint for ``utter_action``; raises like Rasa's on an invalid answer."""
        domain_responses = kwargs.pop("domain_responses", None)
        response_id = self.fetch_response_id(utter_action, tracker, output_channel, domain_responses)
        body = {"response": utter_action, "id": response_id, "arguments": kwargs,
                "tracker": renderer_state(tracker), "channel": {"name": output_channel}}
        response = await self.nlg_endpoint.request(method="post", json=body, timeout=DEFAULT_REQUEST_TIMEOUT)
        if isinstance(response, dict) and self.validate_response(response):
            return response
        raise RasaException("NLG web endpoint returned an invalid response.")
