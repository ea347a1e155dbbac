"""The editors' web editor through Django's test client: roles, saving, review, history, gaps, publishing."""

from __future__ import annotations

import re
from typing import Any, Dict, Optional

import pytest

from bot.content.constants import FINISHED_STATUSES, PublicationStatus, ReviewState, reviewer_group
from tests.content.conftest import GERMAN, make_user, staff_client, texts

PASSWORD = "geheim-123"
#: Five German example questions: what the test entry needs to be published.
GERMAN_EXAMPLES = ["ist der kurs kostenlos", "was kostet der kurs", "muss ich für den kurs bezahlen",
                   "kostet der deutschkurs geld", "ist der kurs gratis"]


def client_for(user: Any = None, csrf: bool = False):  # type: ignore[no-untyped-def]
    """A django.test.Client, logged in as ``user`` when given (real URLconf and middleware)."""
    return staff_client(user, csrf)


@pytest.fixture()
def editor(db):  # type: ignore[no-untyped-def]  # noqa: ARG001 - needs the database
    return make_user("redaktion", ["editor"])


@pytest.fixture()
def arabic_reviewer(db):  # type: ignore[no-untyped-def]  # noqa: ARG001
    return make_user("pruefung-ar", ["editor", reviewer_group("ar")])


@pytest.fixture()
def no_publishing(monkeypatch):  # type: ignore[no-untyped-def]
    """``start_publication`` records a queued Publication instead of starting a training process."""
    from bot.content import publish
    from bot.content.models import Publication

    def start(user: Any = None) -> Publication:
        running = Publication.objects.exclude(status__in=FINISHED_STATUSES).first()
        if running is not None:
            raise publish.PublicationRunning(running)
        return Publication.objects.create(started_by=user, message="Wartet auf den Start …")

    monkeypatch.setattr(publish, "start_publication", start)


#: Every view once: (method, URL, form data).
VIEWS = [
    ("get", "/content/", None),
    ("get", "/content/?language=ar&state=missing", None),
    ("get", "/content/entries/test_kurs/ar/", None),
    ("post", "/content/entries/test_kurs/ar/", {"answer": "الدورة مجانية دائماً.", "examples": "", "version": "1"}),
    ("post", "/content/entries/test_kurs/ar/preview", {"answer": "الدورة مجانية."}),
    ("get", "/content/entries/test_kurs/ar/history/", None),
    ("post", "/content/entries/test_kurs/ar/revert", {"version": "1"}),
    ("get", "/content/gaps/", None),
    ("get", "/content/publish/", None),
    ("post", "/content/publish/start", {}),
    ("get", "/content/publish/status", None),
]


@pytest.mark.parametrize("method,url,data", VIEWS)
def test_every_view_needs_a_login(entry, method, url, data):  # noqa: ARG001 - the entry must exist
    response = getattr(client_for(), method)(url, data)
    assert response.status_code == 302 and response["Location"].startswith("/inbox/login/?next=/content/")


@pytest.mark.parametrize("method,url,data", VIEWS)
def test_every_view_is_a_german_403_for_users_who_are_not_editors(entry, method, url, data):  # noqa: ARG001
    inbox_only = make_user("posteingang")
    response = getattr(client_for(inbox_only), method)(url, data)
    assert response.status_code == 403 and "Kein Zugang zum FAQ-Editor" in response.content.decode()


@pytest.mark.parametrize("method,url,data", VIEWS)
def test_every_view_works_for_an_editor(entry, editor, no_publishing, method, url, data):  # noqa: ARG001
    response = getattr(client_for(editor), method)(url, data, follow=method == "post")
    assert response.status_code == 200, response.content.decode()[:2000]


def test_a_superuser_may_edit_without_the_editor_group(entry):  # noqa: ARG001
    admin = make_user("admin", superuser=True)
    assert client_for(admin).get("/content/").status_code == 200


def test_an_editor_logs_in_on_the_shared_login_page_and_lands_in_the_editor(editor):
    client = client_for()
    login = client.get("/content/")["Location"]
    page = client.get(login).content.decode()
    assert "Anmelden" in page and "FAQ-Editor" in page and 'lang="de"' in page
    done = client.post(login, {"username": editor.username, "password": PASSWORD})
    assert done.status_code == 302 and done["Location"] == "/content/"


def test_a_post_without_the_csrf_token_is_refused(entry, editor):
    client = client_for(editor, csrf=True)
    response = client.post("/content/entries/test_kurs/ar/", {"answer": "x", "examples": "", "version": "1"})
    assert response.status_code == 403
    assert texts(entry)["ar"].version == 1


@pytest.mark.parametrize("url", ["/content/entries/no_such_entry/ar/", "/content/entries/test_kurs/xx/",
                                 "/content/entries/no_such_entry/ar/history/",
                                 "/content/entries/test_kurs/zz/history/"])
def test_unknown_entries_and_languages_are_404(entry, editor, url):  # noqa: ARG001
    assert client_for(editor).get(url).status_code == 404


@pytest.mark.parametrize("version", ["7", "abc", ""])
def test_reverting_to_a_version_that_does_not_exist_is_404_and_writes_nothing(entry, editor, version):
    response = client_for(editor).post("/content/entries/test_kurs/ar/revert", {"version": version})
    assert response.status_code == 404 and texts(entry)["ar"].version == 1


def test_the_list_shows_every_entry_by_topic_with_its_state_per_language_and_totals(entry, editor):  # noqa: ARG001
    page = client_for(editor).get("/content/").content.decode()
    assert "Sprachkurse" in page and "test_kurs" in page
    assert 'aria-label="test_kurs, Arabisch: ungeprüft"' in page
    assert 'aria-label="test_kurs, Persisch: fehlt"' in page  # no Persian text at all: missing
    assert "Übersetzungsstand je Sprache" in page and '<span class="state reviewed">geprüft</span>' in page


def test_the_list_filters_by_language_and_state(entry, editor):
    from bot.content.review import save_text

    client = client_for(editor)
    missing_fa = client.get("/content/?language=fa&state=missing").content.decode()
    assert "test_kurs" in missing_fa and 'aria-label="test_kurs, Arabisch' not in missing_fa
    save_text(texts(entry)["ar"], answer="", examples="", user=editor)
    assert "test_kurs" not in client.get("/content/?language=ar&state=unreviewed").content.decode()
    assert "test_kurs" in client.get("/content/?language=ar&state=missing").content.decode()
    assert client.get("/content/?language=xx").status_code == 200  # an unknown filter is ignored, not a 500


def save(client, language: str, answer: str, examples: str = "", version: Optional[int] = None,
         **options: Any):  # type: ignore[no-untyped-def]
    """Post the edit form as a browser does (``version``: the one shown, by default the current one)."""
    from bot.content.models import FaqText

    if version is None:
        text = FaqText.objects.filter(entry__key="test_kurs", language=language).first()
        version = text.version if text else 0
    data: Dict[str, Any] = {"answer": answer, "examples": examples, "version": str(version), "action": "save",
                            **{name: "on" for name, on in options.items() if on is True},
                            **{name: value for name, value in options.items() if isinstance(value, str)}}
    return client.post(f"/content/entries/test_kurs/{language}/", data)


def test_saving_a_translation_writes_a_revision_and_makes_it_unreviewed(entry, editor):
    client = client_for(editor)
    response = save(client, "ar", "الدورة مجانية للجميع.", "هل الدورة مجانية\nكم سعر الدورة", note="Preis")
    assert response.status_code == 302 and response["Location"] == "/content/entries/test_kurs/ar/"
    arabic = texts(entry)["ar"]
    assert (arabic.answer, arabic.state, arabic.version) == ("الدورة مجانية للجميع.", ReviewState.UNREVIEWED, 2)
    assert arabic.example_list() == ["هل الدورة مجانية", "كم سعر الدورة"]
    revision = arabic.revisions.get(version=2)
    assert (revision.author, revision.note, revision.state) == (editor, "Preis", ReviewState.UNREVIEWED)
    page = client.get(response["Location"]).content.decode()
    assert "Gespeichert als Version 2 (ungeprüft)" in page


def test_an_editor_who_is_no_reviewer_cannot_save_a_text_as_reviewed(entry, editor):
    page = client_for(editor).get("/content/entries/test_kurs/ar/").content.decode()
    assert 'name="reviewed"' not in page and "als muttersprachlich geprüft markieren" not in page
    save(client_for(editor), "ar", "الدورة مجانية تماماً.", reviewed=True)  # a forged checkbox is ignored
    assert texts(entry)["ar"].state == ReviewState.UNREVIEWED
    response = client_for(editor).post("/content/entries/test_kurs/ar/reviewed")
    assert response.status_code == 403 and "Keine Prüfberechtigung" in response.content.decode()
    assert texts(entry)["ar"].state == ReviewState.UNREVIEWED


def test_a_reviewer_saves_a_translation_as_reviewed_or_marks_the_saved_text_reviewed(entry, arabic_reviewer):
    client = client_for(arabic_reviewer)
    page = client.get("/content/entries/test_kurs/ar/").content.decode()
    assert 'name="reviewed"' in page and "Gespeicherten Text als muttersprachlich geprüft markieren" in page
    save(client, "ar", "الدورة مجانية تماماً.", reviewed=True)
    assert texts(entry)["ar"].state == ReviewState.REVIEWED
    ukrainian = client.get("/content/entries/test_kurs/uk/").content.decode()
    assert 'name="reviewed"' not in ukrainian  # reviewer of Arabic only
    save(client, "ar", "الدورة مجانية.")
    assert texts(entry)["ar"].state == ReviewState.UNREVIEWED
    response = client.post("/content/entries/test_kurs/ar/reviewed", follow=True)
    assert "Als muttersprachlich geprüft markiert." in response.content.decode()
    arabic = texts(entry)["ar"]
    assert (arabic.state, arabic.answer) == (ReviewState.REVIEWED, "الدورة مجانية.")


def test_a_missing_text_cannot_be_marked_reviewed(entry, arabic_reviewer):  # noqa: ARG001
    client = client_for(arabic_reviewer)
    assert client.get("/content/entries/test_kurs/fa/").status_code == 200
    fa_reviewer = make_user("pruefung-fa", ["editor", reviewer_group("fa")])
    response = client_for(fa_reviewer).post("/content/entries/test_kurs/fa/reviewed", follow=True)
    assert "Ein fehlender Text kann nicht als geprüft markiert werden." in response.content.decode()


def test_a_first_translation_creates_the_text(entry, editor):
    save(client_for(editor), "fa", "این دوره رایگان است.")
    persian = texts(entry)["fa"]
    assert (persian.state, persian.version, persian.source_version) == (ReviewState.UNREVIEWED, 1, 1)


def test_changing_the_german_source_makes_translations_outdated_unless_minor(entry, editor):
    client = client_for(editor)
    page = client.get("/content/entries/test_kurs/de/").content.decode()
    assert 'name="minor"' in page
    assert 'name="minor"' not in client.get("/content/entries/test_kurs/ar/").content.decode()
    save(client, "de", "Der Kurs ist kostenlos!", "ist der kurs kostenlos", minor=True)
    assert {code: t.state for code, t in texts(entry).items()} == {
        "de": "unreviewed", "en": "unreviewed", "ar": "unreviewed", "uk": "unreviewed"}
    save(client, "de", "Der Kurs ist für alle kostenlos.", "ist der kurs kostenlos")
    states = {code: t.state for code, t in texts(entry).items()}
    assert states == {"de": "unreviewed", "en": "outdated", "ar": "outdated", "uk": "outdated"}
    arabic = client.get("/content/entries/test_kurs/ar/").content.decode()
    assert "Veraltet:" in arabic and "Der Kurs ist <del>kostenlos!</del><ins>für alle kostenlos.</ins>" in arabic


def test_invalid_input_is_shown_in_the_form_and_nothing_is_written(entry, editor):
    client = client_for(editor)
    empty_german = save(client, "de", "   ", "ist der kurs kostenlos")
    assert empty_german.status_code == 400
    assert "darf nicht leer sein" in empty_german.content.decode()
    twice = save(client, "ar", "الدورة مجانية.", "هل الدورة مجانية\nهل الدورة مجانية")
    assert twice.status_code == 400 and "steht doppelt da" in twice.content.decode()
    too_long = save(client, "ar", "ا" * 5000)
    assert too_long.status_code == 400 and "höchstens" in too_long.content.decode()
    no_version = client.post("/content/entries/test_kurs/ar/", {"answer": "x", "examples": ""})
    assert no_version.status_code == 400
    assert {code: t.version for code, t in texts(entry).items()} == {"de": 1, "en": 1, "ar": 1, "uk": 1}


def test_a_text_saved_meanwhile_by_someone_else_is_not_overwritten(entry, editor):
    colleague = make_user("kollegin", ["editor"])
    save(client_for(colleague), "ar", "نص الزميلة.")
    stale = save(client_for(editor), "ar", "نصي القديم.", version=1)
    assert stale.status_code == 400 and "kollegin hat diesen Text inzwischen gespeichert" in stale.content.decode()
    assert texts(entry)["ar"].answer == "نص الزميلة."


def test_saving_the_same_text_again_changes_nothing(entry, editor):
    client = client_for(editor)
    response = save(client, "ar", "الدورة مجانية.")
    assert texts(entry)["ar"].version == 1
    assert "Keine Änderung" in client.get(response["Location"]).content.decode()


def test_the_preview_shows_the_answer_as_the_chat_does_without_saving(entry, editor):
    from bot.content.answers import compose

    client = client_for(editor)
    data = client.post("/content/entries/test_kurs/ar/preview", {"answer": "الدورة في Tübingen مجانية."}).json()
    assert data["preview"] == compose("الدورة في Tübingen مجانية.", entry, "ar")
    assert data["preview"].startswith("\u200f") and "\u2068Tübingen\u2069" in data["preview"]
    button = client.post("/content/entries/test_kurs/ar/", {"answer": "معاينة فقط.", "examples": "", "version": "1",
                                                           "action": "preview"})
    assert button.status_code == 200 and "معاينة فقط." in button.content.decode()
    assert "Vorschau – noch nicht gespeichert." in button.content.decode()
    assert texts(entry)["ar"].version == 1


def test_answers_are_escaped_everywhere(entry, editor):
    client = client_for(editor)
    save(client, "en", '<script>alert("x")</script> <b>free</b>')
    for url in ("/content/entries/test_kurs/en/", "/content/entries/test_kurs/en/history/"):
        page = client.get(url).content.decode()
        assert "<script>alert" not in page and "<b>free</b>" not in page
        assert "&lt;script&gt;alert(" in page
    preview = client.post("/content/entries/test_kurs/en/preview", {"answer": "<i>x</i>"})
    assert preview["Content-Type"] == "application/json"


@pytest.mark.parametrize("code,direction", [("ar", "rtl"), ("fa", "rtl"), ("de", "ltr"), ("uk", "ltr")])
def test_text_fields_and_preview_are_written_in_the_language_and_its_direction(
        entry, editor, code, direction):  # noqa: ARG001
    page = client_for(editor).get(f"/content/entries/test_kurs/{code}/").content.decode()
    for name in ("answer", "examples"):
        [textarea] = re.findall(f'<textarea name="{name}"[^>]*>', page)
        assert f'lang="{code}"' in textarea and f'dir="{direction}"' in textarea
    assert f'class="chat-frame" lang="{code}" dir="{direction}"' in page


def test_tigrinya_gets_an_ethiopic_font_and_the_german_source_beside_it(entry, editor):  # noqa: ARG001
    page = client_for(editor).get("/content/entries/test_kurs/ti/").content.decode()
    assert 'lang="ti" dir="ltr" class="ethiopic"' in page and 'class="chat-frame ethiopic"' in page
    assert "Deutsche Vorlage" in page and GERMAN in page


def test_the_history_shows_word_diffs_and_reverts_as_a_new_revision(entry, editor):
    client = client_for(editor)
    save(client, "en", "The course is free for everyone.")
    page = client.get("/content/entries/test_kurs/en/history/").content.decode()
    assert "Version 2 (aktuell)" in page and "Version 1" in page and "Erstinhalt" in page
    assert "The course is <del>free.</del><ins>free for everyone.</ins>" in page
    assert 'name="version" value="1"' in page and 'name="version" value="2"' not in page
    response = client.post("/content/entries/test_kurs/en/revert", {"version": "1"}, follow=True)
    assert "Auf Version 1 zurückgesetzt (neue Version 3, ungeprüft)" in response.content.decode()
    english = texts(entry)["en"]
    assert (english.answer, english.version) == ("The course is free.", 3)
    assert english.revisions.get(version=3).note == "Zurückgesetzt auf Version 1"


def test_the_gaps_page_shows_redacted_messages_by_meaning_and_the_answers_that_did_not_help(editor):
    from bot.content.models import ContentGap

    for text in ("Gibt es einen Deutschkurs am Abend?", "Deutschkurs am Abend möglich?"):
        ContentGap.objects.create(language="de", reason="fallback", topic="faq/wohngeld", text=text)
    ContentGap.objects.create(language="ar", reason="unhelpful", topic="faq/dff", text="هل يوجد دورة مسائية؟")
    ContentGap.objects.create(language="ar", reason="fallback", topic="", text="<b>?</b>")
    client = client_for(editor)
    page = client.get("/content/gaps/").content.decode()
    assert "Gibt es einen Deutschkurs am Abend?" in page and "هل يوجد دورة مسائية؟" in page
    assert "Deutsch" in page and "Arabisch" in page and "&lt;b&gt;?&lt;/b&gt;" in page and "<b>?</b>" not in page
    answers = page[page.index("Antworten, die nicht halfen"):]
    assert "Antwort: Deutschkurse des Landes" in answers and 'href="/content/entries/dff/"' in answers
    assert "Antwort: FAQ dff" not in page and "Wohngeld" not in page  # the wrong guess is not a heading
    arabic = client.get("/content/gaps/?language=ar").content.decode()
    assert "Deutschkurs am Abend" not in arabic and "هل يوجد دورة مسائية؟" in arabic


def test_publishing_starts_once_and_reports_its_progress_as_json(entry, editor, no_publishing):
    from bot.content.models import Publication

    client = client_for(editor)
    save(client, "de", GERMAN, "\n".join(GERMAN_EXAMPLES), minor=True)  # enough examples to be published
    save(client, "ar", "الدورة مجانية.", "هل الدورة مجانية")
    page = client.get("/content/publish/").content.decode()
    assert "2 Texte haben geänderte Beispielfragen" in page and "Noch keine Veröffentlichung." in page
    started = client.post("/content/publish/start", follow=True).content.decode()
    assert "Veröffentlichung gestartet." in started and 'data-running="1"' in started
    again = client.post("/content/publish/start", follow=True).content.decode()
    assert "Es läuft bereits eine Veröffentlichung." in again
    assert Publication.objects.count() == 1
    publication = Publication.objects.get()
    publication.status, publication.accuracy, publication.baseline_accuracy = PublicationStatus.ACTIVE, 0.912, 0.905
    publication.message = "Neues Modell ist aktiv."
    publication.save()
    status = client.get("/content/publish/status").json()
    assert status["status"] == "active" and status["finished"] is True and status["label"] == "aktiv"
    assert (status["accuracy_text"], status["baseline_text"]) == ("91,2 %", "90,5 %")
    assert status["message"] == "Neues Modell ist aktiv."


def test_the_longer_text_mehr_dazu_is_edited_beside_the_answer_under_the_same_review_rules(entry, arabic_reviewer):
    from bot.content import answers

    client = client_for(arabic_reviewer)
    page = client.get("/content/entries/test_kurs/de/").content.decode()
    assert 'name="more"' in page and "Mehr dazu" in page
    [textarea] = re.findall(r'<textarea name="more"[^>]*>', client.get("/content/entries/test_kurs/ar/").content.decode())
    assert 'lang="ar"' in textarea and 'dir="rtl"' in textarea

    save(client, "ar", texts(entry)["ar"].answer, more="تفاصيل: الدورة ٣٠٠ ساعة.")
    arabic = texts(entry)["ar"]
    assert (arabic.more, arabic.state, arabic.version) == ("تفاصيل: الدورة ٣٠٠ ساعة.", ReviewState.UNREVIEWED, 2)
    assert arabic.revisions.get(version=2).more == "تفاصيل: الدورة ٣٠٠ ساعة."
    assert answers.faq_more("test_kurs", "ar").endswith("تفاصيل: الدورة ٣٠٠ ساعة.")  # live at once (RTL-marked)
    client.post("/content/entries/test_kurs/ar/reviewed")
    assert texts(entry)["ar"].state == ReviewState.REVIEWED

    save(client, "de", GERMAN, "ist der kurs kostenlos\nwas kostet der kurs", more="Der Kurs hat 300 Stunden.")
    states = {code: t.state for code, t in texts(entry).items()}
    assert states == {"de": "unreviewed", "en": "outdated", "ar": "outdated", "uk": "outdated"}  # not minor
    outdated = client.get("/content/entries/test_kurs/ar/").content.decode()
    assert "Änderungen an „Mehr dazu“ seither:" in outdated and "<ins>Der Kurs hat 300 Stunden.</ins>" in outdated
    save(client, "de", GERMAN, "ist der kurs kostenlos\nwas kostet der kurs", more="Der Kurs hat 300 Stunden!",
         minor=True)
    assert texts(entry)["uk"].state == ReviewState.OUTDATED and texts(entry)["de"].version == 3
    history = client.get("/content/entries/test_kurs/de/history/").content.decode()
    assert "Mehr dazu" in history and "<del>Stunden.</del><ins>Stunden!</ins>" in history
    save(client, "de", GERMAN, "ist der kurs kostenlos\nwas kostet der kurs")  # a form without the field keeps it
    assert texts(entry)["de"].more == "Der Kurs hat 300 Stunden!"


def test_pages_carry_no_inline_scripts_or_style_attributes(entry, editor):  # noqa: ARG001
    from bot.content.models import ContentGap

    ContentGap.objects.create(language="de", reason="fallback", topic="", text="Wo ist die Moschee?")
    client = client_for(editor)
    for url in ("/content/", "/content/entries/test_kurs/", "/content/entries/test_kurs/ar/", "/content/entries/new/",
                "/content/entries/test_kurs/ar/history/", "/content/gaps/", "/content/publish/"):
        html = client.get(url).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
        assert not re.search(r"\sstyle=", html) and "javascript:" not in html, url
    assert client.get("/static/content/edit.js").status_code == 200
    assert client.get("/static/content/editor.css").status_code == 200
