"""From the client's request for a person to the integration manager's reply, through the real processes."""

import re

import pytest
import requests

from bot.handover.canned import CANNED
from bot.i18n import catalogs
from tests.integration.stack import Client, opening_of

pytestmark = pytest.mark.slow

REFERENCE = re.compile(r"T-[0-9A-Z]{4}")
HANDOVER_REQUESTS = {
    "de": "Ich möchte mit einem Menschen sprechen",
    "ar": "بدي احكي مع شخص حقيقي",
    "ti": "ምስ ሰብ ክዛረብ ደልየ",
}


def ask_for_a_person(client, code, consent):
    """Request a person in Tübingen; returns the bot's confirmation."""
    assert opening_of(code, "utter_ask_municipality") in client.reply(HANDOVER_REQUESTS[code])
    assert opening_of(code, "utter_ask_handover_consent") in client.reply("Tübingen")
    button = next(b for b in client.buttons() if f'"{consent}"' in b["payload"])
    return client.reply(button["payload"])


@pytest.mark.parametrize("code", list(HANDOVER_REQUESTS))
def test_the_client_is_told_who_has_the_request_and_its_number(stack, code):
    confirmation = ask_for_a_person(Client(stack.web), code, "no")
    assert opening_of(code, "utter_handover_to_manager") in confirmation
    assert REFERENCE.search(confirmation)


def test_an_emergency_gets_the_numbers_first_then_an_urgent_ticket(stack):
    answer = Client(stack.web).reply("Hilfe! Mein Mann schlägt mich, ich habe Angst")
    assert answer.index("110") < answer.index("116 016") < answer.index(opening_of("de", "utter_handover_to_team"))
    intro = opening_of("de", "utter_intro")  # a first contact: the numbers come before any introduction
    assert intro not in answer or answer.index("110") < answer.index(intro)
    assert REFERENCE.search(answer)


def test_the_second_misunderstanding_in_a_row_offers_a_person(stack):
    client = Client(stack.web)
    # typed "/nlu_fallback" is no button this client was offered: it is read as text, so write nonsense
    assert opening_of("de", "utter_default_offer_handover") not in client.reply("Blumenkohl Trompete siebzehn")
    assert opening_of("de", "utter_default_offer_handover") in client.reply("Mein Wellensittich singt heute falsch")
    assert any(b["payload"] == "/request_handover" for b in client.buttons())


def test_the_managers_canned_reply_reaches_the_arabic_client_in_arabic(stack):
    client = Client(stack.web)
    reference = REFERENCE.search(ask_for_a_person(client, "ar", "yes")).group(0)
    assert client.manager_replies() == []

    stack.create_inbox_user("samir", "ein-langes-testpasswort", "Samir Erfunden-Nasser")
    inbox = requests.Session()
    login = f"{stack.web}/inbox/login/"
    inbox.get(login, timeout=10)
    inbox.post(login, data={"username": "samir", "password": "ein-langes-testpasswort",
                            "csrfmiddlewaretoken": inbox.cookies["csrftoken"]}, headers={"Referer": login}, timeout=10)
    ticket_page = inbox.get(f"{stack.web}/inbox/tickets/{reference}/", timeout=10)
    assert ticket_page.status_code == 200
    assert HANDOVER_REQUESTS["ar"] in ticket_page.text  # the transcript, sent with consent

    context, german = CANNED["call_tomorrow"]
    arabic = catalogs.translate("ar", context, german)
    assert arabic and arabic in ticket_page.text  # offered in the client's language
    sent = inbox.post(f"{stack.web}/inbox/tickets/{reference}/reply", data={
        "text": arabic, "csrfmiddlewaretoken": inbox.cookies["csrftoken"]},
        headers={"Referer": ticket_page.url}, timeout=30)
    assert sent.status_code in (200, 302)
    assert client.manager_replies() == [arabic]


def test_a_no_right_after_an_answer_offers_a_person(stack):
    client = Client(stack.web)
    client.reply("Darf ich in Deutschland arbeiten?")
    assert opening_of("de", "utter_offer_handover_unhelpful") in client.reply("nein")
    assert any(b["payload"] == "/request_handover" for b in client.buttons())


def test_an_always_human_topic_is_handed_over_instead_of_answered(stack):
    client = Client(stack.web)
    first = client.reply("Mein Asylantrag läuft seit einem Jahr, wann kommt die Entscheidung?")
    assert opening_of("de", "utter_always_human_topic") in first
    assert opening_of("de", "utter_ask_municipality") in first
    client.reply("Tübingen")
    assert REFERENCE.search(client.reply('/inform{"handover_consent": "no"}'))


def test_typing_slash_human_in_the_web_chat_asks_for_a_person_as_on_telegram(stack):
    client = Client(stack.web)
    client.reply("Hallo")
    assert opening_of("de", "utter_ask_municipality") in client.reply("/human")
    assert opening_of("de", "utter_ask_handover_consent") in client.reply("Tübingen")


def test_a_question_in_the_domain_without_an_answer_offers_a_person(stack):
    answer = Client(stack.web).reply("Wo bekomme ich eine Rundfunkbeitrag-Befreiung?")
    assert opening_of("de", "utter_domain_question") in answer
    assert opening_of("de", "utter_out_of_scope") not in answer
