"""WhatsApp: verification, signatures, deduplication, buttons or list, every message type, malformed payloads."""

import json

import pytest

from bot.channels import texts
from bot.channels.models import ProcessedUpdate
from tests.channels.conftest import (PHONE, VERIFY_TOKEN, client_ref, post_whatsapp, wa_message, wa_payload,
                                     web_client)


def ref() -> str:
    return client_ref("whatsapp", PHONE)


def hello(message_id="wamid.IN1", body="Hallo"):
    return wa_payload([wa_message(message_id, text={"body": body})])


def test_verification_answers_the_challenge_with_the_right_verify_token(db, fake_whatsapp):
    response = web_client().get("/channels/whatsapp/webhook", {"hub.mode": "subscribe",
                                                              "hub.verify_token": VERIFY_TOKEN,
                                                              "hub.challenge": "1158201444"})
    assert response.status_code == 200 and response.content == b"1158201444"


@pytest.mark.parametrize("query", [{"hub.mode": "subscribe", "hub.verify_token": "wrong", "hub.challenge": "1"},
                                   {"hub.mode": "unsubscribe", "hub.verify_token": VERIFY_TOKEN, "hub.challenge": "1"},
                                   {}])
def test_verification_fails_without_the_right_verify_token(db, fake_whatsapp, query):
    assert web_client().get("/channels/whatsapp/webhook", query).status_code == 403


def test_without_configuration_there_is_no_whatsapp_route(db, fake_rasa):
    assert post_whatsapp(hello()).status_code == 404


@pytest.mark.parametrize("signature", ["sha256=" + "0" * 64, "sha1=abc", "garbage"])
def test_a_wrong_signature_is_refused_and_nothing_is_processed(db, fake_rasa, fake_whatsapp, signature):
    assert post_whatsapp(hello(), signature=signature).status_code == 403
    assert post_whatsapp(hello(), secret="another-secret").status_code == 403
    assert fake_rasa.requests == [] and fake_whatsapp.requests == [] and not ProcessedUpdate.objects.exists()


def test_a_missing_signature_is_refused(db, fake_rasa, fake_whatsapp):
    response = web_client().post("/channels/whatsapp/webhook", data=json.dumps(hello()),
                                 content_type="application/json")
    assert response.status_code == 403 and fake_rasa.requests == []


def test_a_text_is_answered_with_a_text_message(db, fake_rasa, fake_whatsapp):
    assert post_whatsapp(hello(body="مرحبا")).status_code == 200
    assert fake_rasa.messages() == [{"sender": ref(), "message": "مرحبا", "metadata": {}}]
    [request] = fake_whatsapp.calls("messages")
    assert request["headers"]["authorization"] == f"Bearer {fake_whatsapp.TOKEN}"
    assert request["body"] == {"messaging_product": "whatsapp", "recipient_type": "individual", "to": PHONE,
                               "type": "text", "text": {"body": "Echo: مرحبا", "preview_url": False}}


def test_message_ids_are_processed_once(db, fake_rasa, fake_whatsapp):
    for _ in range(3):
        assert post_whatsapp(hello("wamid.SAME")).status_code == 200
    assert len(fake_rasa.messages()) == 1 and len(fake_whatsapp.sent()) == 1


@pytest.mark.parametrize("reply_type", ["button_reply", "list_reply"])
def test_button_and_list_replies_send_their_payload(db, fake_rasa, fake_whatsapp, reply_type):
    chosen = {"id": '/inform{"course_level": "A2"}', "title": "A2"}
    fake_rasa.answer = lambda s, m: [{"text": "Welches Niveau?", "buttons": [{"title": "A2", "payload": chosen["id"]}]}]
    post_whatsapp(wa_payload([wa_message("wamid.Q", text={"body": "Kurs"})]))
    post_whatsapp(wa_payload([wa_message("wamid.I", "interactive",
                                         interactive={"type": reply_type, reply_type: chosen})]))
    assert fake_rasa.messages()[1]["message"] == '/inform{"course_level": "A2"}'


def _buttons(*titles):
    return [{"title": t, "payload": f'/inform{{"choice": "{i}"}}'} for i, t in enumerate(titles)]


def test_up_to_three_short_buttons_become_reply_buttons(db, fake_rasa, fake_whatsapp):
    fake_rasa.answer = lambda s, m: [{"text": "Brauchen Sie etwas davon?",
                                      "buttons": _buttons("Kinderbetreuung", "Nur für Frauen", "Nein")}]
    post_whatsapp(hello())
    interactive = fake_whatsapp.sent()[0]["interactive"]
    assert interactive["type"] == "button" and interactive["body"] == {"text": "Brauchen Sie etwas davon?"}
    assert [b["reply"]["title"] for b in interactive["action"]["buttons"]] == ["Kinderbetreuung", "Nur für Frauen",
                                                                                "Nein"]
    assert interactive["action"]["buttons"][0]["reply"]["id"] == '/inform{"choice": "0"}'


def test_long_titles_or_more_than_three_buttons_become_a_list(db, fake_rasa, fake_whatsapp):
    fake_rasa.answer = lambda s, m: [{"text": "Worum geht es?", "buttons": _buttons(
        "Termin vereinbaren", "Mit einem Menschen sprechen und die Situation erklären")}]
    post_whatsapp(hello())
    interactive = fake_whatsapp.sent()[0]["interactive"]
    assert interactive["type"] == "list" and interactive["action"]["button"] == "Auswahl"
    rows = interactive["action"]["sections"][0]["rows"]
    assert rows[0] == {"id": '/inform{"choice": "0"}', "title": "Termin vereinbaren"}
    assert rows[1]["title"] == "Mit einem Menschen spre…" and len(rows[1]["title"]) <= 24
    assert rows[1]["description"] == "Mit einem Menschen sprechen und die Situation erklären"


def test_a_list_has_at_most_ten_rows(db, fake_rasa, fake_whatsapp):
    fake_rasa.answer = lambda s, m: [{"text": "Welcher Termin?", "buttons": _buttons(*[f"Mo {h}:00" for h in
                                                                                       range(7, 19)])}]
    post_whatsapp(hello())
    rows = fake_whatsapp.sent()[0]["interactive"]["action"]["sections"][0]["rows"]
    assert len(rows) == 10 and rows[-1]["title"] == "Mo 16:00"


def test_long_payloads_travel_as_a_stored_key(db, fake_rasa, fake_whatsapp):
    payload = "/inform" + json.dumps({"slot": "x" * 300})
    fake_rasa.answer = lambda s, m: [{"text": "Termin?", "buttons": [{"title": "Ja", "payload": payload}]}]
    post_whatsapp(hello())
    key = fake_whatsapp.sent()[0]["interactive"]["action"]["buttons"][0]["reply"]["id"]
    assert key.startswith("#") and len(key) < 200
    post_whatsapp(wa_payload([wa_message("wamid.I2", "interactive", interactive={
        "type": "button_reply", "button_reply": {"id": key, "title": "Ja"}})]))
    assert fake_rasa.messages()[-1]["message"] == payload


MEDIA = {
    "audio": ({"audio": {"id": "1", "mime_type": "audio/ogg; codecs=opus", "voice": True}}, texts.VOICE),
    "image": ({"image": {"id": "2", "mime_type": "image/jpeg", "sha256": "x"}}, texts.PHOTO),
    "document": ({"document": {"id": "3", "filename": "bescheid.pdf", "mime_type": "application/pdf"}},
                 texts.DOCUMENT),
    "sticker": ({"sticker": {"id": "4", "mime_type": "image/webp", "animated": False}}, texts.STICKER),
    "video": ({"video": {"id": "5", "mime_type": "video/mp4"}}, texts.VIDEO),
    "contacts": ({"contacts": [{"name": {"formatted_name": "A"}, "phones": [{"phone": "+49301234567"}]}]},
                 texts.CONTACT),
    "location": ({"location": {"latitude": 48.52, "longitude": 9.05, "name": "Zuhause"}}, texts.LOCATION_ASK_TOWN),
    "unsupported": ({"errors": [{"code": 131051, "title": "Message type unknown"}]}, texts.OTHER),
}


@pytest.mark.parametrize("kind", sorted(MEDIA))
def test_every_message_type_gets_a_localized_answer(db, fake_rasa, fake_whatsapp, kind):
    content, text = MEDIA[kind]
    fake_rasa.languages[ref()] = "ar"
    assert post_whatsapp(wa_payload([wa_message("wamid.M", kind, **content)])).status_code == 200
    [sent] = fake_whatsapp.sent()
    shown = sent["interactive"]["body"]["text"] if sent["type"] == "interactive" else sent["text"]["body"]
    assert shown == texts.say("ar", text)
    assert fake_rasa.messages() == []


def test_a_reaction_needs_no_answer(db, fake_rasa, fake_whatsapp):
    post_whatsapp(wa_payload([wa_message("wamid.R", "reaction", reaction={"message_id": "wamid.X", "emoji": "👍"})]))
    assert fake_whatsapp.requests == [] and fake_rasa.requests == []


@pytest.mark.parametrize("raw, status", [
    (b"{broken", 400), (b"[1, 2]", 400), (b"\xff", 400), (b'"text"', 400),
    (b'{"entry": ' * 5000 + b"1" + b"}" * 5000, 400), (b"[" * 100000 + b"]" * 100000, 400),
    (b'{"entry": "x"}', 200),
    (b'{"entry": [{"changes": [{"value": {"messages": [{"from": 5, "id": null, "type": []}]}}]}]}', 200),
    (b'{"entry": [{"changes": [{"value": {"metadata": 7, "messages": [{"from": "49151", "id": "w", "type": "text",'
     b' "text": {"body": ["x"]}, "timestamp": {"a": 1}}]}}]}]}', 200),
])
def test_well_signed_but_unreadable_payloads_get_4xx_and_no_processing(db, fake_rasa, fake_whatsapp, raw, status):
    assert post_whatsapp(None, raw=raw).status_code == status
    assert fake_rasa.requests == [] and fake_whatsapp.requests == []


def test_messages_to_another_business_number_or_older_than_a_day_get_no_answer(db, fake_rasa, fake_whatsapp):
    other = wa_payload([wa_message("wamid.OTHER", text={"body": "Hallo"})])
    other["entry"][0]["changes"][0]["value"]["metadata"]["phone_number_id"] = "999"
    old = wa_message("wamid.OLD", text={"body": "Hallo"})
    old["timestamp"] = str(int(old["timestamp"]) - 25 * 3600)
    for payload in (other, wa_payload([old])):
        assert post_whatsapp(payload).status_code == 200
    assert fake_rasa.requests == [] and fake_whatsapp.requests == []
