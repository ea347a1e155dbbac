"""Privacy through the real stack: "delete my data" on every channel leaves nothing of the client in any
table; no log holds a message text or a client id, also when a part behind Rasa fails; a fuzz run of the
entry points answers no 5xx.

Telegram (webhook mode) and WhatsApp reach a second web process of the stack, configured for both
channels; their APIs are the loopback fakes of tests/channels/fakes.py.
"""

from __future__ import annotations

import base64
import json
import re
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
import requests

from tests.channels.conftest import APP_SECRET, WEBHOOK_SECRET
from tests.channels.fakes import FakeTelegram, FakeWhatsApp
from tests.integration.stack import Client, free_port, opening_of, plain
from tools import fuzz, logscan

pytestmark = pytest.mark.slow

CHAT_ID = 55501234
PHONE = "4915112340077"
#: What the clients write; none of it may remain in any table after the deletion, nor reach any log.
TELEGRAM_TEXTS = ["Привіт, мені потрібна допомога з документами у Тюбінгені"]
WHATSAPP_TEXTS = ["مرحبا، أحتاج موعدًا مع مديرة الاندماج في توبنغن"]
WEB_TEXTS = ["Ich brauche einen Termin in Tübingen"]


def wamid(number: int) -> str:
    """A WhatsApp message id as the Cloud API makes them: the sender's number, base64, inside."""
    return "wamid." + base64.b64encode(f"\x15\x02\x00\x11\x18\x0d{PHONE}{number:04d}".encode()).decode()


@pytest.fixture(scope="module")
def channels(stack):
    """A second web process with Telegram (webhook) and WhatsApp configured; yields (url, telegram, whatsapp)."""
    telegram, whatsapp = FakeTelegram(), FakeWhatsApp()
    env = {**stack.env, "TELEGRAM_BOT_TOKEN": FakeTelegram.TOKEN, "TELEGRAM_API_URL": telegram.api_url,
           "TELEGRAM_WEBHOOK_URL": "https://lotse.example.org/channels/telegram/webhook",
           "TELEGRAM_WEBHOOK_SECRET": WEBHOOK_SECRET, "WHATSAPP_TOKEN": FakeWhatsApp.TOKEN,
           "WHATSAPP_PHONE_NUMBER_ID": FakeWhatsApp.PHONE_NUMBER_ID, "WHATSAPP_APP_SECRET": APP_SECRET,
           "WHATSAPP_API_URL": whatsapp.api_url}
    ports = stack.supervisor.Ports(rasa=stack.ports.rasa, actions=stack.ports.actions, web=free_port())
    service = next(s for s in stack.supervisor.services(stack.model, ports, env=env) if s.name == "web")
    log = open(stack.logs / "web-channels.log", "ab")
    process = subprocess.Popen(service.command, env=env, stdout=log, stderr=subprocess.STDOUT)
    assert stack.supervisor.wait_ready(service.ready_url, process, 120), "the channels' web process did not start"
    yield f"http://127.0.0.1:{ports.web}", telegram, whatsapp
    process.terminate()
    process.wait(timeout=30)
    log.close()
    telegram.stop()
    whatsapp.stop()


def post_telegram(base: str, update: dict) -> int:
    return requests.post(f"{base}/channels/telegram/webhook", json=update, timeout=120,
                         headers={"X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET}).status_code


def post_whatsapp(base: str, message: dict) -> int:
    import hashlib
    import hmac

    body = json.dumps({"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [{
        "field": "messages", "value": {"messaging_product": "whatsapp", "metadata": {
            "display_phone_number": "15550001111", "phone_number_id": FakeWhatsApp.PHONE_NUMBER_ID},
            "messages": [{"from": PHONE, "timestamp": str(int(time.time())), **message}]}}]}]}).encode()
    signature = "sha256=" + hmac.new(APP_SECRET.encode(), body, hashlib.sha256).hexdigest()
    return requests.post(f"{base}/channels/whatsapp/webhook", data=body, timeout=120, headers={
        "Content-Type": "application/json", "X-Hub-Signature-256": signature}).status_code


def tg_update(update_id: int, **content) -> dict:
    user = {"id": CHAT_ID, "is_bot": False, "first_name": "Olena", "language_code": "uk"}
    chat = {"id": CHAT_ID, "type": "private"}
    if "data" in content:
        return {"update_id": update_id, "callback_query": {"id": f"cb{update_id}", "from": user, "chat_instance": "1",
                                                           "data": content["data"], "message": {
                                                               "message_id": 9, "date": int(time.time()), "chat": chat}}}
    return {"update_id": update_id, "message": {"message_id": update_id, "date": int(time.time()), "chat": chat,
                                                "from": user, **content}}


def telegram_buttons(fake: FakeTelegram) -> list:
    markup = fake.sent()[-1].get("reply_markup") or {}
    markup = markup if isinstance(markup, dict) else json.loads(markup)
    return [b for row in markup.get("inline_keyboard", []) for b in row]


def whatsapp_buttons(fake: FakeWhatsApp) -> list:
    interactive = fake.sent()[-1].get("interactive") or {}
    action = interactive.get("action") or {}
    return [b["reply"] for b in action.get("buttons", [])] + [r for s in action.get("sections", []) for r in s["rows"]]


def database_dump(var_dir: Path) -> str:
    """Every row of every table of the bot's database and the tracker store, except the content gaps
    (the editors' unanswered messages, kept redacted and without any client id by design)."""
    rows = []
    for name in ("lotse.sqlite3", "tracker.sqlite3"):
        with sqlite3.connect(var_dir / name) as database:
            for (table,) in database.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
                if table == "content_contentgap":
                    continue
                rows.extend(f"{table}: {row!r}" for row in database.execute(f'SELECT * FROM "{table}"'))
    return "\n".join(rows)


def web_sender(client: Client, var_dir: Path) -> str:
    """The pseudonym Rasa knows this browser by (its session in the database)."""
    import os

    from django.contrib.sessions.backends.db import SessionStore

    from bot.privacy import pseudonym

    with sqlite3.connect(var_dir / "lotse.sqlite3") as database:
        (data,) = database.execute("SELECT session_data FROM django_session WHERE session_key = ?",
                                   (client.session.cookies["sessionid"],)).fetchone()
    return pseudonym("web", SessionStore().decode(data)["lotse_client"], os.environ["LOTSE_PSEUDONYM_KEY"])


def test_nothing_is_deleted_without_confirmation(stack):
    client = Client(stack.web)
    client.reply("Hallo")
    assert opening_of("de", "utter_ask_delete_confirmed") in client.reply("Bitte löschen Sie alle meine Daten")
    no = next(b for b in client.buttons() if '"no"' in b["payload"])
    assert opening_of("de", "utter_delete_cancelled") in client.reply(no["payload"])
    assert opening_of("de", "utter_intro") not in client.reply("Hallo")  # the conversation is still there


def test_confirmed_deletion_erases_conversation_appointments_and_tickets(stack):
    client = Client(stack.web)
    client.reply(WEB_TEXTS[0])
    client.reply(next(b for b in client.buttons() if "appointment_purpose" in b["payload"])["payload"])
    client.reply(next(b for b in client.buttons() if "preferred_day" in b["payload"])["payload"])
    slot = next(b for b in client.buttons() if "appointment_slot" in b["payload"])
    assert opening_of("de", "utter_appointment_booked") in client.reply(slot["payload"])
    client.reply("Ich möchte mit einem Menschen sprechen")
    ticket = client.reply(next(b for b in client.buttons() if '"yes"' in b["payload"])["payload"])
    assert re.search(r"T-[0-9A-Z]{4}", ticket)

    client.reply("/delete_my_data")
    yes = next(b for b in client.buttons() if '"yes"' in b["payload"])
    deleted = client.reply(yes["payload"])
    assert opening_of("de", "utter_data_deleted") in deleted
    assert "(1)" in deleted  # one appointment, one ticket

    fresh = client.reply("Hallo")
    assert opening_of("de", "utter_intro") in fresh  # nothing remembered: the first contact again
    assert opening_of("de", "utter_no_appointments") in client.reply("Welche Termine habe ich?")


def test_typed_rasa_commands_with_values_are_read_as_words(stack):
    client = Client(stack.web)
    client.reply("Hallo")
    answer = client.reply('/inform{"delete_confirmed": "yes"}')  # never offered: no deletion, no form answer
    assert opening_of("de", "utter_data_deleted") not in answer
    assert opening_of("de", "utter_intro") not in client.reply("Hallo")


def test_deletion_on_every_channel_leaves_nothing_of_the_client_in_any_table(stack, channels):
    from bot.privacy import message_key, pseudonym

    base, telegram, whatsapp = channels
    web = Client(stack.web)
    web.reply(WEB_TEXTS[0])
    web_ref = web_sender(web, stack.logs)
    web.reply("/delete_my_data")
    web.reply(next(b for b in web.buttons() if '"yes"' in b["payload"])["payload"])

    assert post_telegram(base, tg_update(7001, text=TELEGRAM_TEXTS[0])) == 200
    assert post_telegram(base, tg_update(7002, text="/delete")) == 200
    yes = next(b for b in telegram_buttons(telegram) if '"yes"' in b["callback_data"])
    assert post_telegram(base, tg_update(7003, data=yes["callback_data"])) == 200
    assert opening_of("uk", "utter_data_deleted") in plain(telegram.sent()[-1]["text"])

    assert post_whatsapp(base, {"id": wamid(1), "type": "text", "text": {"body": WHATSAPP_TEXTS[0]}}) == 200
    assert post_whatsapp(base, {"id": wamid(2), "type": "text", "text": {"body": "احذف كل بياناتي من فضلك"}}) == 200
    yes = next(b for b in whatsapp_buttons(whatsapp) if '"yes"' in b["id"])
    assert post_whatsapp(base, {"id": wamid(3), "type": "interactive", "interactive": {
        "type": "button_reply", "button_reply": {"id": yes["id"], "title": yes["title"]}}}) == 200
    assert opening_of("ar", "utter_data_deleted") in plain(json.dumps(whatsapp.sent()[-1], ensure_ascii=False))

    dump = database_dump(stack.logs)
    key = stack.env["LOTSE_PSEUDONYM_KEY"]
    telegram_ref, whatsapp_ref = pseudonym("telegram", str(CHAT_ID), key), pseudonym("whatsapp", PHONE, key)
    traces = [web_ref, telegram_ref, whatsapp_ref, str(CHAT_ID), PHONE, wamid(1), wamid(2), wamid(3),
              wamid(1)[6:30], *TELEGRAM_TEXTS, *WHATSAPP_TEXTS]
    assert [trace for trace in traces if trace in dump] == []
    # a redelivery is still recognised, by the keyed hash in the stack's database
    with sqlite3.connect(stack.logs / "lotse.sqlite3") as database:
        hashes = {row[0] for row in database.execute(
            "SELECT external_id FROM channels_processedupdate WHERE channel = 'whatsapp'")}
    assert message_key("whatsapp", wamid(1), stack.env["LOTSE_PSEUDONYM_KEY"]) in hashes
    found = logscan.traces(stack.logs, traces + WEB_TEXTS)
    assert found == {}, found


#: Written while the action server is down, in several scripts; none of it may reach a log.
DURING_FAILURE = {"de": "Meine Aufenthaltserlaubnis läuft ab, ich habe große Angst vor der Abschiebung",
                  "uk": "шукаю курс німецької мови в Тюбінгені, у мене тривога через документи",
                  "ar": "أبحث عن دورة لغة ألمانية في توبنغن وأنا خائف على أوراقي",
                  "ti": "ናይ ጀርመንኛ ቋንቋ ኮርስ ደልየ ኣለኹ፣ ብሰነዳተይ ተሻቒለ ኣለኹ"}


def test_a_failing_action_server_and_invalid_text_leave_no_trace_in_any_log(stack, channels):
    base, telegram, _ = channels
    clients = {code: Client(stack.web) for code in DURING_FAILURE}
    for client in clients.values():
        client.reply("Hallo")
    senders = [web_sender(client, stack.logs) for client in clients.values()]
    stack.stop("actions")
    try:
        for code, text in DURING_FAILURE.items():
            assert clients[code].say(text).status_code == 503
        assert post_telegram(base, tg_update(7101, text=DURING_FAILURE["uk"])) == 200  # told "not reachable"
    finally:
        stack.start("actions")
    assert Client(stack.web).say("Hallo\ud800 " + DURING_FAILURE["de"][:20]).status_code == 200  # cleaned by the relay
    rest = f"http://127.0.0.1:{stack.ports.rasa}/webhooks/rest/webhook"
    refused = requests.post(rest, json={"sender": senders[0], "message": "x\ud800" + DURING_FAILURE["de"]},
                            headers={"X-Lotse-Internal": stack.env["LOTSE_INTERNAL_SECRET"]}, timeout=60)
    assert refused.status_code == 400  # Rasa's tokenizer never sees a lone surrogate
    found = logscan.traces(stack.logs, [*DURING_FAILURE.values(), *senders, str(CHAT_ID), "Aufenthaltserlaubnis",
                                        "Тюбінгені", "توبنغن"])
    assert found == {}, found


def test_internal_endpoints_refuse_requests_without_the_secret(stack):
    rest = f"http://127.0.0.1:{stack.ports.rasa}/webhooks/rest/webhook"
    actions = f"http://127.0.0.1:{stack.ports.actions}/webhook"
    message = {"sender": "web-0123456789abcdef0123456789abcdef", "message": "Hallo"}
    assert requests.post(rest, json=message, timeout=30).status_code == 403
    assert requests.post(rest, json=message, headers={"X-Lotse-Internal": "wrong"}, timeout=30).status_code == 403
    assert requests.post(actions, json={"next_action": "action_handover", "tracker": {}}, timeout=30).status_code == 403
    assert requests.post(f"{stack.web}/nlg", json={"response": "utter_greet"}, timeout=30).status_code == 403
    assert requests.get(f"http://127.0.0.1:{stack.ports.actions}/health", timeout=30).status_code == 200
    secret = {"X-Lotse-Internal": stack.env["LOTSE_INTERNAL_SECRET"]}
    assert requests.post(rest, json=message, headers=secret, timeout=60).status_code == 200
    # a sender with a lone surrogate once ended Rasa (its session scope exits on any ValueError)
    for bad in ({"sender": 5, "message": "x"}, {"sender": "a", "message": ["x"]}, [1, 2],
                {"sender": "a\ud800", "message": "x"}, {"sender": "a b", "message": "x"}):
        assert requests.post(rest, json=bad, headers=secret, timeout=30).status_code == 400
    assert requests.post(rest, json=message, headers=secret, timeout=60).status_code == 200  # Rasa still runs


def test_the_rasa_token_is_on_no_command_line_and_var_files_are_private(stack):
    for process in stack.processes.values():
        command = Path(f"/proc/{process.pid}/cmdline").read_bytes().decode()
        assert stack.env["LOTSE_RASA_TOKEN"] not in command and stack.env["LOTSE_INTERNAL_SECRET"] not in command
    for path in stack.logs.glob("*.sqlite3"):
        assert path.stat().st_mode & 0o077 == 0, path.name
    assert stack.logs.stat().st_mode & 0o077 == 0


def test_rasa_loads_no_model_but_a_published_one_even_with_the_token(stack, trained_model, tmp_path):
    import shutil

    api = f"http://127.0.0.1:{stack.ports.rasa}"
    token = {"token": stack.env["LOTSE_RASA_TOKEN"]}
    running = requests.get(f"{api}/status", params=token, timeout=30).json()["model_file"]
    other = tmp_path / "other.tar.gz"
    shutil.copy(trained_model, other)
    for body in ({"model_file": str(other)}, {"model_server": {"url": "http://127.0.0.1:9/model.tar.gz"}}):
        refused = requests.put(f"{api}/model", params=token, json=body, timeout=60)
        assert refused.status_code == 403, (body, refused.status_code)
    assert requests.get(f"{api}/status", params=token, timeout=30).json()["model_file"] == running


def test_a_fuzz_run_of_the_entry_points_answers_no_server_error_and_logs_no_text(stack, channels):
    base, _, _ = channels
    generator = fuzz.Generator(seed=20261206, telegram_secret=WEBHOOK_SECRET, whatsapp_secret=APP_SECRET,
                               internal_secret=stack.env["LOTSE_INTERNAL_SECRET"],
                               whatsapp_number_id=FakeWhatsApp.PHONE_NUMBER_ID, valid_share=0.25)
    inputs = generator.inputs(240, ["chat", "telegram", "whatsapp", "rest"])
    report = fuzz.run(inputs, {"web": base, "rest": f"http://127.0.0.1:{stack.ports.rasa}"}, workers=4,
                      logs=stack.logs)
    assert report.ok, report.summary()
    assert {target for target, _ in report.statuses} == {"chat", "telegram", "whatsapp", "rest"}
