"""Telegram updates through the webhook: secret token, deduplication, every message type, commands, /start codes."""

import pytest

from bot.channels import texts
from bot.channels.codes import manager_code
from bot.channels.models import ProcessedUpdate
from tests.channels.conftest import CHAT_ID, client_ref, post_telegram, tg_callback, tg_message

def ref() -> str:
    return client_ref("telegram", CHAT_ID)


@pytest.mark.parametrize("secret", ["", "wrong-secret"])
def test_a_request_without_the_right_secret_token_is_refused_and_not_processed(db, fake_rasa, telegram_webhook,
                                                                              secret):
    response = post_telegram(tg_message(1, text="Hallo"), secret=secret)
    assert response.status_code == 403
    assert fake_rasa.requests == [] and telegram_webhook.requests == []
    assert not ProcessedUpdate.objects.exists()


def test_without_webhook_mode_the_route_does_not_exist(db, fake_rasa, fake_telegram):
    assert post_telegram(tg_message(1, text="Hallo")).status_code == 404
    assert fake_rasa.requests == []


def test_a_text_reaches_the_assistant_under_a_pseudonym_with_the_language_hint(db, fake_rasa, telegram_webhook):
    assert post_telegram(tg_message(1, text="Привіт", language_code="uk")).status_code == 200
    [sent] = fake_rasa.messages()
    assert sent == {"sender": ref(), "message": "Привіт", "metadata": {"language_hint": "uk"}}
    assert str(CHAT_ID) not in sent["sender"]
    [reply] = telegram_webhook.sent()
    assert reply["chat_id"] == CHAT_ID and reply["text"] == "Echo: Привіт" and "reply_markup" not in reply


def test_each_update_is_processed_once(db, fake_rasa, telegram_webhook):
    for _ in range(3):
        assert post_telegram(tg_message(7, text="Hallo")).status_code == 200
    assert len(fake_rasa.messages()) == 1 and len(telegram_webhook.sent()) == 1


@pytest.mark.parametrize("raw", [b"{not json", b"[]", b'{"update_id": "x"}', b'{"update_id": 5, "message": 3}',
                                 b"\xff\xfe", b'{"update_id": 1, "message": ' * 5000 + b"1" + b"}" * 5000,
                                 b"[" * 100000 + b"]" * 100000,
                                 b'{"update_id": 5, "message": {"message_id": 1, "date": "x", "chat": 3}}'])
def test_unreadable_updates_with_the_right_secret_are_refused_without_processing(db, fake_rasa,
                                                                                telegram_webhook, raw):
    assert post_telegram(None, raw=raw).status_code == 400
    assert fake_rasa.requests == [] and telegram_webhook.sent() == []


@pytest.mark.parametrize("chat_id", ["abc", 1.5, True, None])
def test_a_chat_id_that_is_not_a_whole_number_gets_no_answer_and_no_server_error(db, fake_rasa, telegram_webhook,
                                                                                 chat_id):
    # found by the fuzz run (tools/fuzz.py): such an id was stored, then int() failed while sending: a 500
    for update in (tg_message(95, text="Hallo"), tg_callback(96, data="x")):
        (update.get("message") or update["callback_query"]["message"])["chat"]["id"] = chat_id
        assert post_telegram(update).status_code in (200, 400)
    assert fake_rasa.requests == [] and telegram_webhook.sent() == []


@pytest.mark.parametrize("latitude", ["48.5", None, True, [1]])
def test_a_location_whose_coordinates_are_not_numbers_gets_no_server_error(db, fake_rasa, telegram_webhook,
                                                                          latitude):
    # found by the fuzz run: a string latitude reached the distance computation (TypeError, a 500)
    update = tg_message(97)
    update["message"]["location"] = {"latitude": latitude, "longitude": 9.05}
    assert post_telegram(update).status_code in (200, 400)
    assert fake_rasa.requests == []


@pytest.mark.parametrize("chat_type", ["group", "supergroup", "channel"])
def test_messages_outside_private_chats_get_no_answer(db, fake_rasa, telegram_webhook, chat_type):
    update = tg_message(90, text="Hallo")
    update["message"]["chat"]["type"] = chat_type
    assert post_telegram(update).status_code == 200
    assert fake_rasa.requests == [] and telegram_webhook.sent() == []


def test_an_update_whose_answer_failed_is_answered_on_redelivery(db, fake_rasa, telegram_webhook, monkeypatch):
    from django.db import DatabaseError

    from bot.channels.telegram import sender

    def broken(*args, **kwargs):
        raise DatabaseError("disk full")

    with monkeypatch.context() as patched:
        patched.setattr(sender, "queue", broken)
        assert post_telegram(tg_message(91, text="Hallo")).status_code == 503  # Telegram will deliver it again
    assert telegram_webhook.sent() == []
    assert post_telegram(tg_message(91, text="Hallo")).status_code == 200
    assert len(telegram_webhook.sent()) == 1  # answered: the failed attempt was not recorded as handled


def test_buttons_become_an_inline_keyboard_and_a_press_sends_the_payload(db, fake_rasa, telegram_webhook):
    long_payload = '/inform{"appointment_slot": "manager=3;start=tuesday-09:30-europe-berlin;purpose=language_course"}'
    fake_rasa.answer = lambda sender, message: [{"text": "Welches Niveau?", "buttons": [
        {"title": "A1", "payload": '/inform{"course_level": "A1"}'}, {"title": "A2", "payload": long_payload},
        {"title": "Lesen und Schreiben lernen", "payload": '/inform{"course_level": "alpha"}'}]}]
    post_telegram(tg_message(1, text="Kurs"))
    [reply] = telegram_webhook.sent()
    keyboard = reply["reply_markup"]["inline_keyboard"]
    assert [[b["text"] for b in row] for row in keyboard] == [["A1"], ["A2"], ["Lesen und Schreiben lernen"]]
    data = [row[0]["callback_data"] for row in keyboard]
    assert data[0] == '/inform{"course_level": "A1"}'
    assert data[1].startswith("#") and all(len(d.encode()) <= 64 for d in data)

    fake_rasa.answer = lambda sender, message: [{"text": "Gut."}]
    assert post_telegram(tg_callback(2, data[1])).status_code == 200
    assert fake_rasa.messages()[-1]["message"] == long_payload
    [answered] = telegram_webhook.calls("answerCallbackQuery")
    assert answered["body"]["callback_query_id"] == "cbq-2"


def test_short_button_titles_go_two_per_row(db, fake_rasa, telegram_webhook):
    fake_rasa.answer = lambda s, m: [{"text": "Sprache?", "buttons": [
        {"title": t, "payload": f"/choose_language{{\"language\": \"{t}\"}}"} for t in ("de", "en", "ar")]}]
    post_telegram(tg_message(1, text="Sprache"))
    assert [len(row) for row in telegram_webhook.sent()[0]["reply_markup"]["inline_keyboard"]] == [2, 1]


MEDIA = {
    "voice": ({"voice": {"file_id": "v1", "file_unique_id": "u1", "duration": 3}}, texts.VOICE),
    "audio": ({"audio": {"file_id": "a1", "file_unique_id": "u2", "duration": 30}}, texts.VOICE),
    "photo": ({"photo": [{"file_id": "p1", "file_unique_id": "u3", "width": 90, "height": 90}]}, texts.PHOTO),
    "document": ({"document": {"file_id": "d1", "file_unique_id": "u4", "file_name": "bescheid.pdf"}},
                 texts.DOCUMENT),
    "sticker": ({"sticker": {"file_id": "s1", "file_unique_id": "u5", "type": "regular", "width": 512,
                             "height": 512, "is_animated": False, "is_video": False}}, texts.STICKER),
    "video": ({"video": {"file_id": "v2", "file_unique_id": "u6", "width": 1, "height": 1, "duration": 1}},
              texts.VIDEO),
    "contact": ({"contact": {"phone_number": "+49301234567", "first_name": "A"}}, texts.CONTACT),
    "dice": ({"dice": {"emoji": "🎲", "value": 3}}, texts.OTHER),
}


@pytest.mark.parametrize("kind", sorted(MEDIA))
def test_every_message_type_gets_a_localized_answer(db, fake_rasa, telegram_webhook, kind):
    content, text = MEDIA[kind]
    fake_rasa.languages[ref()] = "en"
    assert post_telegram(tg_message(1, **content)).status_code == 200
    [reply] = telegram_webhook.sent()
    assert reply["text"] == texts.say("en", text)
    assert fake_rasa.messages() == []  # media are answered by the channel, not sent to the assistant
    if kind in ("voice", "audio"):
        [[button]] = reply["reply_markup"]["inline_keyboard"]
        assert button["callback_data"] == "/request_handover"


def test_a_location_without_coordinates_in_the_directory_asks_for_the_town(db, fake_rasa, telegram_webhook):
    post_telegram(tg_message(1, location={"latitude": 48.52, "longitude": 9.05}))
    assert telegram_webhook.sent()[0]["text"] == texts.say("uk", texts.LOCATION_ASK_TOWN)


def test_a_location_is_answered_with_the_nearest_offices(db, fake_rasa, telegram_webhook):
    from bot.directory.models import Location

    tuebingen = Location.objects.filter(name__icontains="Tübingen").first()
    stuttgart = Location.objects.filter(name__icontains="Stuttgart").first()
    Location.objects.filter(pk=tuebingen.pk).update(latitude=48.5216, longitude=9.0576)
    Location.objects.filter(pk=stuttgart.pk).update(latitude=48.7758, longitude=9.1829)
    post_telegram(tg_message(1, location={"latitude": 48.52, "longitude": 9.05}))
    text = telegram_webhook.sent()[0]["text"]
    assert text.startswith(texts.say("uk", texts.LOCATION_NEAREST, offices="").split("\n")[0].strip())
    assert text.index(tuebingen.name) < text.index(stuttgart.name)


@pytest.mark.parametrize("command, payload", [("/start", "/greet"), ("/help", "/greet"),
                                              ("/human", "/request_handover"), ("/language", "/choose_language"),
                                              ("/delete", "/delete_my_data"), ("/help@lotse_test_bot", "/greet")])
def test_commands_map_to_rasa_payloads(db, fake_rasa, telegram_webhook, command, payload):
    post_telegram(tg_message(1, text=command))
    assert fake_rasa.messages()[0]["message"] == payload


def test_start_with_a_valid_code_binds_the_client_to_the_manager(db, fake_rasa, telegram_webhook):
    from bot.directory.models import IntegrationManager
    from bot.handover.models import ClientBinding

    manager = IntegrationManager.objects.filter(active=True).first()
    post_telegram(tg_message(1, text=f"/start {manager_code(manager.pk)}"))
    assert ClientBinding.objects.get(client_ref=ref()).manager_id == manager.pk
    first, greeting = telegram_webhook.sent()
    assert first["text"] == texts.say("uk", texts.BOUND, manager=manager.name)
    assert greeting["text"] == "Echo: /greet"


@pytest.mark.parametrize("code", ["m1_0123456789", "hello", "m999999_" + "a" * 10])
def test_start_with_an_unknown_code_is_answered_kindly_and_binds_nobody(db, fake_rasa, telegram_webhook, code):
    from bot.handover.models import ClientBinding

    post_telegram(tg_message(1, text=f"/start {code}"))
    assert not ClientBinding.objects.filter(client_ref=ref()).exists()
    assert telegram_webhook.sent()[0]["text"] == texts.say("uk", texts.UNKNOWN_CODE)
    assert fake_rasa.messages()[0]["message"] == "/greet"


def test_a_code_of_an_inactive_manager_binds_nobody(db, fake_rasa, telegram_webhook):
    from bot.directory.models import IntegrationManager
    from bot.handover.models import ClientBinding

    manager = IntegrationManager.objects.first()
    IntegrationManager.objects.filter(pk=manager.pk).update(active=False)
    post_telegram(tg_message(1, text=f"/start {manager_code(manager.pk)}"))
    assert not ClientBinding.objects.exists()
    assert telegram_webhook.sent()[0]["text"] == texts.say("uk", texts.UNKNOWN_CODE)


def test_when_the_assistant_is_down_the_client_is_told_so(db, fake_rasa, telegram_webhook):
    fake_rasa.down = True
    assert post_telegram(tg_message(1, text="Hallo")).status_code == 200
    assert telegram_webhook.sent()[0]["text"] == texts.say("uk", texts.UNAVAILABLE)
