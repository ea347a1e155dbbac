"""Messages naming an always-human topic become handover requests, in every script."""

import pytest
from rasa.shared.nlu.training_data.message import Message

from bot import paths
from bot.gazetteer.matcher import Gazetteer
from bot.nlu.always_human import AlwaysHumanTopicRouter


@pytest.fixture(scope="module")
def router():
    return AlwaysHumanTopicRouter(Gazetteer(paths.gazetteer_dir(), paths.locales_dir() / "languages.yml"))


@pytest.mark.parametrize("text, topic", [
    ("Ich habe Angst vor der Abschiebung", "abschiebung"),
    ("خايف يرحلوني", "abschiebung"),
    ("мені загрожує депортація", "abschiebung"),
    ("when is my asylum interview", "asylverfahren"),
])
def test_the_topic_overrides_what_the_classifier_said(router, text, topic):
    message = Message(data={"text": text, "intent": {"name": "faq", "confidence": 0.9},
                            "intent_ranking": [{"name": "faq", "confidence": 0.9}]})
    router.process([message])
    assert message.get("intent") == {"name": "request_handover", "confidence": 1.0}
    assert message.get("intent_ranking")[0]["name"] == "request_handover"
    assert {"always_human_topic": topic}.items() <= {e["entity"]: e["value"] for e in message.get("entities")}.items()


def test_other_messages_are_left_alone(router):
    message = Message(data={"text": "wo ist das Jobcenter", "intent": {"name": "find_service", "confidence": 0.8}})
    router.process([message])
    assert message.get("intent")["name"] == "find_service"


def test_an_emergency_naming_a_topic_stays_an_emergency(router):
    message = Message(data={"text": "wenn sie mich abschieben bringe ich mich um",
                            "intent": {"name": "emergency", "confidence": 0.7}})
    router.process([message])
    assert message.get("intent")["name"] == "emergency" and not message.get("entities")


def test_a_deportation_letter_with_a_deadline_stays_an_urgent_ticket(router):
    message = Message(data={"text": "Brief: Abschiebungsandrohung, ich muss bis Freitag ausreisen",
                            "intent": {"name": "faq", "confidence": 0.8},
                            "response_selector": {"faq": {"response": {
                                "intent_response_key": "faq/authority_letter"}}}})
    router.process([message])
    assert message.get("intent")["name"] == "faq"
    assert [(e["entity"], e["value"]) for e in message.get("entities")] == [("urgent_topic", "authority_letter")]
