"""Live conversation through the real processes: the manager pauses the bot, writes with the client, ends it.

The client uses the web chat (real Rasa with the trained model, actions, NLG); the manager the inbox
over real HTTP. While live, Rasa keeps the client's messages but does not answer (its conversation
pause), so the chat's POST answers an empty list.
"""

import re
import subprocess
import sys

import pytest
import requests

from tests.integration.stack import Client, opening_of, plain, text_of
from tests.integration.test_handover_chat import ask_for_a_person

pytestmark = pytest.mark.slow

REFERENCE = re.compile(r"T-[0-9A-Z]{4}")
MANAGER = "Samir Erfunden-Nasser"  # Landkreis Tübingen, speaks Arabic: the Arabic client's manager
PASSWORD = "ein-langes-testpasswort"


def inbox_login_of(stack, manager_name):
    """The username of the manager's inbox login, created (or its password set) as in the admin."""
    script = ("import django; django.setup()\n"
              "import sys\n"
              "from django.contrib.auth.models import User\n"
              "from bot.directory.models import IntegrationManager\n"
              "from bot.handover.models import InboxUser\n"
              "manager = IntegrationManager.objects.get(name=sys.argv[2])\n"
              "link = InboxUser.objects.filter(manager=manager).first()\n"
              "user = link.user if link else User.objects.create_user('live-' + str(manager.pk))\n"
              "user.set_password(sys.argv[1]); user.save()\n"
              "link or InboxUser.objects.create(user=user, manager=manager, district=manager.district)\n"
              "print(user.username)\n")
    done = subprocess.run([sys.executable, "-c", script, PASSWORD, manager_name], env=stack.env, check=True,
                          capture_output=True, text=True)
    return done.stdout.strip()


class Inbox:
    """The manager's browser session on the inbox."""

    def __init__(self, stack, username):
        self.base = f"{stack.web}/inbox"
        self.session = requests.Session()
        login = f"{self.base}/login/"
        self.session.get(login, timeout=10)
        done = self.session.post(login, data={"username": username, "password": PASSWORD,
                                              "csrfmiddlewaretoken": self.session.cookies["csrftoken"]},
                                 headers={"Referer": login}, timeout=10)
        assert done.status_code == 200 and done.url.rstrip("/").endswith("/inbox"), done.url

    def page(self, reference):
        return self.session.get(f"{self.base}/tickets/{reference}/", timeout=30)

    def post(self, reference, action, **data):
        url = f"{self.base}/tickets/{reference}/{action}"
        response = self.session.post(url, data={**data, "csrfmiddlewaretoken": self.session.cookies["csrftoken"]},
                                     headers={"Referer": url}, timeout=60)
        assert response.status_code == 200, response.status_code  # after the redirect to the ticket page
        return response.text

    def live(self, reference):
        response = self.session.get(f"{self.base}/tickets/{reference}/live", timeout=30)
        assert response.status_code == 200, response.text
        return response.json()


@pytest.fixture()
def live_ticket(stack):
    """An Arabic client who asked for a person (Tübingen, consent), and Samir in live conversation with them."""
    client = Client(stack.web)
    reference = REFERENCE.search(ask_for_a_person(client, "ar", "yes")).group(0)
    inbox = Inbox(stack, inbox_login_of(stack, MANAGER))
    assert "Live-Gespräch starten" in inbox.page(reference).text
    assert "Live-Gespräch gestartet" in inbox.post(reference, "live/start")
    return client, inbox, reference


def test_the_bot_is_silent_while_the_manager_writes_live_and_answers_again_after(live_ticket):
    client, inbox, reference = live_ticket
    [notice] = client.manager_replies()
    assert plain(notice).startswith(opening_of("ar", "handover|live_started")) and MANAGER in notice
    assert "«بوت»" in notice  # the Arabic command word

    question = "هل يمكنني أن أسألك عن موعد؟"
    silent = client.say(question)
    assert silent.status_code == 200 and silent.json() == {"messages": []}
    feed = inbox.live(reference)
    assert feed["live"] is True and [(m["sender"], m["text"]) for m in feed["messages"]] == [("client", question)]
    assert question in inbox.page(reference).text

    answer = "نعم، غدًا الساعة العاشرة."
    assert "Antwort gesendet." in inbox.post(reference, "reply", text=answer)
    assert client.manager_replies()[-1] == answer
    assert [m["sender"] for m in inbox.live(reference)["messages"]] == ["client", "manager"]

    assert "Live-Gespräch beendet" in inbox.post(reference, "live/end")
    assert plain(client.manager_replies()[-1]) == plain(text_of("ar", "handover|live_ended"))
    assert inbox.live(reference) == {"live": False, "messages": []}
    # the bot answers again
    assert plain(client.reply("أبحث عن دورة لغة ألمانية في توبنغن")).strip()


def test_the_client_gets_the_bot_back_with_the_bot_command(live_ticket):
    client, inbox, reference = live_ticket
    assert client.say("مرحبا").json() == {"messages": []}
    assert plain(client.reply("/bot")).strip()  # the bot greets
    assert inbox.live(reference)["live"] is False
    page = inbox.page(reference).text
    assert "Live-Gespräch starten" in page and "durch die Person (Befehl)" in page
    assert plain(client.reply("أبحث عن دورة لغة ألمانية في توبنغن")).strip()
