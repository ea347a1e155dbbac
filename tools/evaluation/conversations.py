"""Task completion as clients do it: whole conversations through the running stack, answered three ways.

Each conversation starts with a client's typed request from the conversation corpus
(``data/conversations/<lang>.yml``, written blind and frozen) and answers every question the bot
asks, in one of three styles:

- ``buttons``: presses the offered button (sends its payload);
- ``labels``: types the button's label, as shown in the client's language;
- ``typed``: types an answer from the corpus, as clients write it (colloquial, typos, numbers).

A conversation is complete when the bot does the task with the values the client gave, checked
where they end up: the search the bot answered (Rasa's ``last_search`` slot), the appointment in
the database at the chosen time, exactly one ticket with the transcript only after a yes, the
data deleted. Conversations go to Rasa's REST channel as the web chat relays them (with a
language hint), each with its own sender id. Every failure is kept with its transcript.

    python -m tools.evaluation.conversations [--model PATH] [--languages de,ar] [--out reports]
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sqlite3
import sys
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional, Sequence, Tuple
from zoneinfo import ZoneInfo

import requests
import yaml
from babel.dates import get_day_names

from bot import paths
from bot.i18n.formatting import babel_locale
from bot.nlu.constants import METADATA_LANGUAGE_HINT
from bot.runtime import internal
from tools.stack import plain, text_of

#: The conversation corpus, one file per language (frozen; never tune the bot to it).
CORPUS_DIR = paths.PROJECT_ROOT / "data" / "conversations"
TASKS = ("course_search", "office_hours", "booking", "cancel", "handover", "delete")
STYLES = ("buttons", "labels", "typed")
#: A conversation that has not completed after this many client messages has failed.
MAX_TURNS = 10
BERLIN = ZoneInfo("Europe/Berlin")
#: The towns of the sample directory (the corpus names only these).
TOWNS = ("Stuttgart", "Esslingen am Neckar", "Nürtingen", "Filderstadt", "Tübingen", "Rottenburg am Neckar",
         "Mössingen")
#: The opener kind of each task in the corpus.
OPENERS = {"course_search": "find_language_course", "office_hours": "ask_opening_hours",
           "booking": "book_appointment", "cancel": "cancel_appointment", "handover": "request_handover",
           "delete": "delete_my_data"}
#: Corpus answer lists by the slot the bot asks for.
CORPUS_ANSWERS = {"municipality": "municipality", "course_level": "course_level", "course_need": "course_need",
                  "service_type": "service_type", "appointment_purpose": "appointment_purpose",
                  "preferred_day": "preferred_day", "handover_consent": "handover_consent",
                  "delete_confirmed": "delete_confirmation"}
#: The values a buttons or labels conversation gives, by slot.
BUTTON_VALUES = {"municipality": "Tübingen", "course_level": "A1", "course_need": "none", "service_type": "jobcenter",
                 "appointment_purpose": "housing", "preferred_day": "any", "appointment_slot": 1,
                 "handover_consent": "yes", "delete_confirmed": "yes", "appointment_id": 1}
#: Responses that complete each task.
DONE = {"course_search": ("utter_courses_found", "utter_courses_nearby", "utter_courses_none"),
        "office_hours": ("utter_office_hours", "utter_office_none"),
        "booking": ("utter_appointment_booked",), "cancel": ("utter_appointment_cancelled",),
        "handover": ("utter_handover_to_manager", "utter_handover_to_team"), "delete": ("utter_data_deleted",)}
REFERENCE = re.compile(r"T-[0-9A-Z]{4}")
#: What the integration manager reads as an appointment's purpose (actions/appointments.py).
PURPOSES = {"language_course": "Sprachkurs", "work": "Arbeit und Ausbildung", "housing": "Wohnung",
            "documents": "Ämter und Dokumente", "family": "Familie, Kita und Schule", "other": "Sonstiges"}


def done_responses(conversation: "Conversation") -> Tuple[str, ...]:
    """The responses that complete the conversation's task (a "no" to deleting completes it too)."""
    if conversation.task == "delete" and conversation.answers.get("delete_confirmed", ("yes",))[0] == "no":
        return ("utter_delete_cancelled",)
    return DONE[conversation.task]


@dataclass
class Corpus:
    """One language's openers and typed answers."""

    language: str
    openers: Dict[str, List[Dict[str, Any]]]
    answers: Dict[str, List[Dict[str, Any]]]

    @classmethod
    def load(cls, language: str, folder: Path = CORPUS_DIR) -> "Corpus":
        """The corpus file of ``language``."""
        data = yaml.safe_load((folder / f"{language}.yml").read_text(encoding="utf-8"))
        return cls(language, data.get("openers") or {}, data.get("answers") or {})


@dataclass
class Conversation:
    """One scripted client: a task, a style, the opener and the answer to give to each question."""

    language: str
    task: str
    style: str
    opener: Dict[str, Any]
    #: slot -> (expected value, typed text or None to use the button)
    answers: Dict[str, Tuple[Any, Optional[str]]] = field(default_factory=dict)

    @property
    def name(self) -> str:
        """A short name for reports."""
        return f"{self.language}/{self.task}/{self.style}"


@dataclass
class Result:
    """How one conversation went."""

    conversation: Conversation
    completed: bool
    turns: int
    reason: str
    transcript: List[str]


def questions(language: str) -> Dict[str, str]:
    """slot -> a placeholder-free piece of that question's text in ``language`` (to know what the bot asks)."""
    from bot.dialogue.questions import question_for

    found = {}
    for slot in ("municipality", "course_level", "course_need", "service_type", "appointment_purpose",
                 "preferred_day", "appointment_slot", "handover_consent", "delete_confirmed"):
        response = question_for(slot)
        if response:
            found[slot] = marker(text_of(language, response))
    found["appointment_id"] = marker(text_of(language, "utter_ask_which_appointment"))
    return found


def marker(text: str) -> str:
    """The longest piece of a response text between its placeholders.

    >>> marker("{manager} hat diese Termine frei. Bitte wählen Sie einen aus:")
    ' hat diese Termine frei. Bitte wählen Sie einen aus:'
    """
    return max(re.split(r"\{[^}]*\}", plain(text)), key=len)


class Client:
    """A client of Rasa's REST channel with its own sender id, as the web chat relays."""

    def __init__(self, rasa_url: str, language: str, token: str) -> None:
        self.rasa_url = rasa_url
        self.language = language
        self.token = token
        self.sender = f"web-eval-{uuid.uuid4().hex[:16]}"
        self.last: List[Dict[str, Any]] = []

    def say(self, text: str) -> List[Dict[str, Any]]:
        """Send ``text``; the bot's messages (text, buttons, custom) in answer."""
        response = requests.post(f"{self.rasa_url}/webhooks/rest/webhook", timeout=60, headers=internal.headers(), json={
            "sender": self.sender, "message": text, "metadata": {METADATA_LANGUAGE_HINT: self.language}})
        response.raise_for_status()
        self.last = [{"text": plain(m.get("text") or ""), "buttons": m.get("buttons") or [],
                      "custom": m.get("custom")} for m in response.json()]
        return self.last

    def slots(self) -> Dict[str, Any]:
        """The conversation's slots in Rasa's tracker."""
        response = requests.get(f"{self.rasa_url}/conversations/{self.sender}/tracker",
                                params={"token": self.token}, timeout=30)
        response.raise_for_status()
        return response.json().get("slots") or {}


def said(messages: Sequence[Dict[str, Any]], language: str, responses: Sequence[str]) -> bool:
    """Whether one of ``responses`` (in ``language``) is among the bot's ``messages``."""
    texts = "\n".join(m["text"] for m in messages)
    return any(marker(text_of(language, r)) in texts for r in responses)


def asked(messages: Sequence[Dict[str, Any]], markers: Dict[str, str]) -> Optional[str]:
    """The slot the bot's last question asks for, from its buttons' payloads or its text."""
    for message in reversed(messages):
        for button in message["buttons"]:
            match = re.match(r'/inform\{"(\w+)"', button.get("payload") or "")
            if match:
                return match.group(1)
        for slot, text in markers.items():
            if text and text.strip() and text.strip() in message["text"]:
                return slot
    return None


def weekday_name(day: int, language: str) -> str:
    """The weekday's name in the language (for typed answers naming an offered time's day)."""
    return get_day_names("wide", locale=babel_locale(language))[day]


class Runner:
    """Runs conversations against a running stack: Rasa's URL and token, and the bot's SQLite database."""

    def __init__(self, rasa_url: str, token: str, database: Path) -> None:
        self.rasa_url = rasa_url
        self.token = token
        self.database = database
        self._markers: Dict[str, Dict[str, str]] = {}

    def markers(self, language: str) -> Dict[str, str]:
        """The question markers of a language (cached)."""
        if language not in self._markers:
            self._markers[language] = questions(language)
        return self._markers[language]

    def query(self, sql: str, *args: Any) -> List[tuple]:
        """Rows of a read-only query on the bot's database."""
        with sqlite3.connect(f"file:{self.database}?mode=ro", uri=True, timeout=20) as connection:
            return connection.execute(sql, args).fetchall()

    def run(self, conversation: Conversation) -> Result:
        """Play one conversation; complete when the task is done with the client's values."""
        client = Client(self.rasa_url, conversation.language, self.token)
        transcript: List[str] = []
        if conversation.task == "cancel":
            self.book_first(client)
        text = conversation.opener["text"]
        for turn in range(1, MAX_TURNS + 1):
            transcript.append(f"> {text}")
            messages = client.say(text)
            transcript += [f"< {m['text']}" + (f"  {[b['title'] for b in m['buttons']]}" if m["buttons"] else "")
                           for m in messages]
            if said(messages, conversation.language, done_responses(conversation)):
                reason = self.check(conversation, client, messages)
                return Result(conversation, not reason, turn, reason or "ok", transcript)
            slot = asked(messages, self.markers(conversation.language))
            if slot is None:
                return Result(conversation, False, turn, "the bot asked nothing it could answer", transcript)
            reply = self.reply(conversation, slot, messages)
            if reply is None:
                return Result(conversation, False, turn, f"asked for {slot}, which this task does not need",
                              transcript)
            text = reply
        return Result(conversation, False, MAX_TURNS, "no result after the turn limit", transcript)

    def book_first(self, client: Client) -> None:
        """Give the client an appointment to cancel (by buttons; not part of the measured conversation)."""
        client.say("/book_appointment")
        for payload in ('/inform{"municipality": "Tübingen"}', '/inform{"appointment_purpose": "housing"}',
                        '/inform{"preferred_day": "any"}'):
            client.say(payload)
        slot = next(b["payload"] for m in client.last for b in m["buttons"] if "appointment_slot" in b["payload"])
        client.say(slot)

    def reply(self, conversation: Conversation, slot: str, messages: Sequence[Dict[str, Any]]) -> Optional[str]:
        """What the client answers to the question for ``slot``."""
        if slot not in conversation.answers:
            return None
        value, typed = conversation.answers[slot]
        buttons = [b for m in messages for b in m["buttons"] if f'"{slot}"' in b.get("payload", "")]
        if typed is not None:
            return self.fill(typed, buttons, value, conversation.language)
        if isinstance(value, int):  # the n-th offered option
            button = buttons[value - 1] if len(buttons) >= value else None
        else:
            button = next((b for b in buttons if f'"{slot}": "{value}"' in b["payload"]), None)
        if button is None:
            return str(value)  # a question without buttons (the town): its value, typed
        return button["payload"] if conversation.style == "buttons" else button["title"]

    @staticmethod
    def fill(typed: str, buttons: Sequence[Dict[str, str]], value: Any, language: str) -> str:
        """A typed answer naming an offered time by its clock time or weekday."""
        if "{" not in typed or not buttons:
            return typed
        start = datetime.fromisoformat(buttons[0]["payload"].split("@", 1)[1].split('"')[0]).astimezone(BERLIN)
        return typed.replace("{time}", f"{start:%H:%M}").replace("{weekday}", weekday_name(start.weekday(), language))

    def check(self, conversation: Conversation, client: Client, messages: Sequence[Dict[str, Any]]) -> str:
        """Why the completed task does not match the client's values ("" when it does)."""
        expected = {slot: value for slot, (value, _) in conversation.answers.items()}
        for key in ("municipality", "course_level", "service_type"):
            if conversation.opener.get(key):
                expected[key] = conversation.opener[key]
        task = conversation.task
        if task in ("course_search", "office_hours"):
            search = client.slots().get("last_search") or {}
            keys = ("municipality", "course_level", "course_need") if task == "course_search" else (
                "municipality", "service_type")
            wrong = {k: (search.get(k), expected.get(k)) for k in keys if search.get(k) != expected.get(k)}
            return f"understood {wrong} (got, wanted)" if wrong else ""
        if task == "booking":
            rows = self.query("SELECT start, purpose FROM directory_appointment WHERE client_ref = ? "
                              "AND status = 'booked'", client.sender)
            if len(rows) != 1:
                return f"{len(rows)} appointments booked"
            start = datetime.fromisoformat(str(rows[0][0]).replace(" ", "T")).astimezone(BERLIN)
            day = expected.get("preferred_day")
            if day in ("tomorrow", "day_after_tomorrow"):
                day = str((datetime.now(BERLIN) + timedelta(days=1 if day == "tomorrow" else 2)).weekday())
            if day not in (None, "any") and str(start.weekday()) != str(day):
                return f"booked on weekday {start.weekday()}, wanted {day}"
            purpose = PURPOSES.get(expected.get("appointment_purpose"))
            return "" if purpose is None or rows[0][1] == purpose else f"purpose {rows[0][1]!r}, wanted {purpose!r}"
        if task == "cancel":
            rows = self.query("SELECT status FROM directory_appointment WHERE client_ref = ?", client.sender)
            return "" if [r[0] for r in rows] == ["cancelled"] else f"appointments: {rows}"
        if task == "handover":
            rows = self.query("SELECT transcript FROM handover_ticket WHERE client_ref = ?", client.sender)
            if len(rows) != 1:
                return f"{len(rows)} tickets"
            with_transcript = rows[0][0] not in (None, "", "null", "[]")
            wanted = expected.get("handover_consent") == "yes"
            return "" if with_transcript == wanted else f"transcript sent: {with_transcript}, consent: {wanted}"
        if task == "delete":
            wanted = expected.get("delete_confirmed") == "yes"
            return "" if any(m.get("custom") for m in messages) == wanted else "erase marker does not fit the answer"
        return ""


def conversations(corpus: Corpus, tasks: Sequence[str] = TASKS, styles: Sequence[str] = STYLES,
                  per_task: int = 5, today: Optional[date] = None) -> Iterator[Conversation]:
    """The scripted conversations of one language: per task and style, ``per_task`` variations."""
    today = today or datetime.now(BERLIN).date()
    for task, style in itertools.product(tasks, styles):
        openers = [o for o in corpus.openers.get(OPENERS[task]) or [] if usable_opener(o)]
        for index in range(per_task if style == "typed" else 1):
            if not openers:
                break
            opener = openers[index % len(openers)]
            answers: Dict[str, Tuple[Any, Optional[str]]] = {}
            for slot, value in BUTTON_VALUES.items():
                answers[slot] = (value, None)
            if style == "typed":
                for slot, kind in CORPUS_ANSWERS.items():
                    pool = [a for a in corpus.answers.get(kind) or [] if usable_answer(slot, a, today)]
                    if pool:
                        chosen = pool[(index * 3 + len(slot)) % len(pool)]
                        answers[slot] = (normal(chosen["value"]), chosen["text"])
                by_number = corpus.answers.get("slot_choice") or []
                by_time = corpus.answers.get("slot_choice_by_time") or []
                pool = by_number + [a for a in by_time if "{time}" in a["text"] and "{weekday}" not in a["text"]]
                if pool:
                    chosen = pool[index % len(pool)]
                    answers["appointment_slot"] = (chosen["value"] if isinstance(chosen["value"], int) else 1,
                                                   chosen["text"])
            yield Conversation(corpus.language, task, style, opener, answers)


def normal(value: Any) -> Any:
    """Corpus values as the bot's slots hold them (weekdays as text)."""
    return str(value) if isinstance(value, int) else value


def usable_opener(opener: Dict[str, Any]) -> bool:
    """An opener whose named town is in the sample directory (or none)."""
    return opener.get("municipality") in (None, *TOWNS)


def usable_answer(slot: str, answer: Dict[str, Any], today: date) -> bool:
    """Whether a corpus answer can be checked: a day with free appointments (no weekend "tomorrow")."""
    value = answer.get("value")
    if slot == "preferred_day" and value in ("tomorrow", "day_after_tomorrow"):
        return (today + timedelta(days=1 if value == "tomorrow" else 2)).weekday() < 5
    if slot == "municipality":
        return value in TOWNS
    return value is not None


def report(results: Sequence[Result]) -> Dict[str, Any]:
    """Completion per language and style, average turns of completed course searches, failures."""
    table: Dict[str, Dict[str, List[bool]]] = defaultdict(lambda: defaultdict(list))
    turns: Dict[str, List[int]] = defaultdict(list)
    for result in results:
        conversation = result.conversation
        table[conversation.language][conversation.style].append(result.completed)
        if conversation.task == "course_search" and conversation.style == "typed" and result.completed:
            turns[conversation.language].append(result.turns)
    return {
        "completion": {language: {style: {"completed": sum(done), "total": len(done),
                                          "rate": round(100 * sum(done) / len(done), 1)}
                                  for style, done in styles.items()} for language, styles in table.items()},
        "course_search_turns_typed": {language: round(sum(t) / len(t), 2) for language, t in turns.items() if t},
        "failures": [{"conversation": r.conversation.name, "reason": r.reason, "transcript": r.transcript}
                     for r in results if not r.completed],
    }


def print_report(summary: Dict[str, Any], out: Callable[[str], None] = print) -> None:
    """The completion table and the failures."""
    out("| lang | buttons | typed labels | typed answers | turns to a course (typed) |")
    out("|---|---|---|---|---|")
    for language, styles in summary["completion"].items():
        cells = [f"{styles[s]['rate']} % ({styles[s]['completed']}/{styles[s]['total']})" if s in styles else "–"
                 for s in STYLES]
        out(f"| {language} | {' | '.join(cells)} | {summary['course_search_turns_typed'].get(language, '–')} |")
    for failure in summary["failures"]:
        out(f"\nFAILED {failure['conversation']}: {failure['reason']}")
        for line in failure["transcript"]:
            out(f"    {line[:300]}")


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Start a stack on the model, run every language's conversations, write reports/conversations.json."""
    from tools.stack import Stack

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", help="model file (default: the current data's model, trained if needed)")
    parser.add_argument("--languages", help="comma-separated language codes (default: every corpus file)")
    parser.add_argument("--per-task", type=int, default=5, help="typed conversations per task and language")
    parser.add_argument("--out", default="reports", help="folder for conversations.json")
    args = parser.parse_args(argv)
    import tempfile

    from bot.runtime.database import migrate
    from bot.runtime.model import ensure_model

    if not args.model:
        migrate()  # the current data's FAQ examples come from the database
    model = Path(args.model) if args.model else ensure_model()
    languages = args.languages.split(",") if args.languages else sorted(p.stem for p in CORPUS_DIR.glob("*.yml"))
    with tempfile.TemporaryDirectory(prefix="lotse-conversations-") as folder:
        stack = Stack(model, Path(folder))
        stack.prepare_database()
        stack.start_all()
        try:
            runner = Runner(f"http://127.0.0.1:{stack.ports.rasa}", stack.env["LOTSE_RASA_TOKEN"],
                            Path(folder) / "lotse.sqlite3")
            results = [runner.run(c) for language in languages
                       for c in conversations(Corpus.load(language), per_task=args.per_task)]
        finally:
            stack.stop_all()
    summary = report(results)
    Path(args.out).mkdir(parents=True, exist_ok=True)
    (Path(args.out) / "conversations.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1),
                                                       encoding="utf-8")
    print_report(summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
