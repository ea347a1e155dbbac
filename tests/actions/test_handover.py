"""What a handover passes on: the topic, what was asked and answered, and the transcript only with consent."""

from rasa_sdk import Tracker

from actions.handover import channel_of, conversation_facts, fallbacks_in_a_row, topic, transcript


def user(text, intent):
    return {"event": "user", "text": text, "parse_data": {"intent": {"name": intent}}, "timestamp": 1.0}


def bot(text, response):
    return {"event": "bot", "text": text, "metadata": {"utter_action": response}, "timestamp": 2.0}


def tracker(events, slots=None):
    return Tracker("web-abc", slots or {}, {}, events, False, None, {}, "action_listen")


CONVERSATION = [
    user("ich suche einen deutschkurs in Tübingen", "find_language_course"),
    bot("Welches Deutsch-Niveau haben Sie schon?", "utter_ask_course_level"),
    user('/inform{"course_level": "B1"}', "inform"),
    bot("Ich habe leider keinen passenden Kurs gefunden.", "utter_courses_none"),
    user("ich will mit einem menschen sprechen", "request_handover"),
]


def test_the_topic_is_the_last_real_question_with_what_is_known():
    about = topic(tracker(CONVERSATION, {"municipality": "Tübingen", "course_level": "B1"}))
    assert about["intent"] == "find_language_course"
    assert about["entities"] == {"municipality": "Tübingen", "course_level": "B1"}
    assert about["answered"] == ["utter_ask_course_level", "utter_courses_none"]


def test_the_transcript_has_the_words_but_no_button_payloads():
    lines = transcript(tracker(CONVERSATION))
    assert [line["sender"] for line in lines] == ["client", "bot", "bot", "client"]
    assert all(not line["text"].startswith("/") for line in lines)


def test_asked_leaves_out_reminders():
    events = [user("", "EXTERNAL_appointment_reminder"), user("hallo", "greet")]
    assert conversation_facts(tracker(events))["asked"] == ["greet"]


def test_the_second_fallback_in_a_row_is_counted():
    events = [user("asdf", "nlu_fallback"), bot("?", "utter_default"), user("qwer", "nlu_fallback")]
    assert fallbacks_in_a_row(tracker(events)) == 2
    assert fallbacks_in_a_row(tracker(events[:1] + [user("hallo", "greet")])) == 0


def test_a_no_right_after_an_answer_means_it_did_not_help():
    from actions.handover import last_answer_was_substantive

    answered = [user("darf ich arbeiten", "faq"), bot("Ob Sie arbeiten dürfen …", "utter_faq/work_permit"),
                user("nein", "deny")]
    asked = [user("hallo", "greet"), bot("Hallo! Wie kann ich helfen?", "utter_greet"), user("nein", "deny")]
    assert last_answer_was_substantive(tracker(answered))
    assert not last_answer_was_substantive(tracker(asked))


def test_an_always_human_topic_reaches_the_ticket_with_its_german_label():
    event = user("Angst vor der Abschiebung", "request_handover")
    event["parse_data"]["entities"] = [{"entity": "always_human_topic", "value": "abschiebung"}]
    about = topic(tracker([event]))
    assert about["entities"]["always_human_topic"] == "Abschiebung / Ausreisepflicht"


def test_the_channel_is_the_sender_ids_and_any_other_id_is_the_web_chats():
    def sender(sender_id):
        return Tracker(sender_id, {}, {}, [], False, None, {}, "action_listen")

    assert [channel_of(sender(s)) for s in ("telegram-x1", "whatsapp-x2", "web-x3")] == ["telegram", "whatsapp", "web"]
    # not a ticket that cannot be written
    assert channel_of(sender("fuzz-17")) == channel_of(sender("default")) == "web"
