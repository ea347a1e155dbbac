"""Every task of Lotse done by typing, in eight languages, through the running stack.

Per language: a course search, office hours, a booking, a cancellation, a handover with a typed yes
and one with a typed no, deleting the data, each answered by typing (as clients write), plus a course
search by buttons and by typed button labels, a question in between, a stop and a language switch
in the middle. Each test asserts what the client gets: the course with its date, the booked or
cancelled appointment in the database, exactly one ticket (with the transcript only after a yes).
The answers here are written for these tests; the blind corpus in ``data/conversations`` is for
``make eval`` (tools/evaluation/conversations.py) and never for tests or tuning.
"""

import pytest

from tools.evaluation.conversations import Client, Conversation, Runner, marker
from tools.stack import text_of

pytestmark = pytest.mark.slow

#: Per language: task openers and typed answers as clients write them.
TYPED = {
    "de": {"course": "ich brauche einen deutschkurs", "town": "in tübingen", "level": "weiß ich nicht",
           "need": "nein", "hours": "wann hat das sozialamt offen", "service": "sozialamt",
           "book": "ich möchte einen termin bei meiner integrationsmanagerin", "purpose": "wegen meiner wohnung",
           "day": "am dienstag", "slot": "den zweiten", "cancel": "ich muss meinen termin absagen", "which": "ja",
           "human": "ich will mit einem menschen sprechen", "yes": "ja klar", "no": "nein lieber nicht",
           "delete": "lösch bitte alle meine daten", "confirm": "ja, alles löschen",
           "faq": "was kostet ein integrationskurs", "stop": "vergiss es", "switch": "können wir auf englisch schreiben"},
    "en": {"course": "i need a german course", "town": "tubingen", "level": "i dont know",
           "need": "no", "hours": "when is the sozialamt open", "service": "social welfare office",
           "book": "i would like an appointment with my integration manager", "purpose": "about my flat",
           "day": "tuesday", "slot": "the second one", "cancel": "please cancel my appointment", "which": "yes",
           "human": "i want to talk to a real person", "yes": "yes sure", "no": "no thanks",
           "delete": "please delete all my data", "confirm": "yes delete everything",
           "faq": "how much does the integration course cost", "stop": "never mind", "switch": "auf deutsch bitte"},
    "ar": {"course": "بدي كورس لغة ألمانية", "town": "توبنغن", "level": "ما بعرف",
           "need": "لا", "hours": "متى يفتح السوسيال أمت", "service": "السوسيال",
           "book": "بدي موعد مع مسؤولة الاندماج", "purpose": "بخصوص السكن",
           "day": "الثلاثاء", "slot": "التاني", "cancel": "بدي الغي موعدي", "which": "نعم",
           "human": "بدي احكي مع شخص حقيقي", "yes": "نعم", "no": "لا شكرا",
           "delete": "احذف كل بياناتي من فضلك", "confirm": "نعم احذف كل شيء",
           "faq": "كم سعر كورس الاندماج", "stop": "خلاص انسى الموضوع", "switch": "ممكن نحكي انكليزي"},
    "uk": {"course": "мені потрібен курс німецької", "town": "Тюбінген", "level": "не знаю",
           "need": "ні", "hours": "коли працює соціальне відомство", "service": "соціальна служба",
           "book": "хочу записатися на зустріч з інтеграційним менеджером", "purpose": "щодо житла",
           "day": "у вівторок", "slot": "другий", "cancel": "хочу скасувати свій термін", "which": "так",
           "human": "хочу поговорити з людиною", "yes": "так", "no": "ні, дякую",
           "delete": "видаліть усі мої дані", "confirm": "так, видалити все",
           "faq": "скільки коштує інтеграційний курс", "stop": "забудь", "switch": "можна англійською"},
    "ru": {"course": "нужен курс немецкого", "town": "Тюбинген", "level": "не знаю",
           "need": "нет", "hours": "когда работает социальная служба", "service": "социальная служба",
           "book": "хочу записаться на встречу с интеграционным менеджером", "purpose": "по поводу жилья",
           "day": "во вторник", "slot": "второй", "cancel": "хочу отменить свою встречу", "which": "да",
           "human": "хочу поговорить с человеком", "yes": "да", "no": "нет, спасибо",
           "delete": "удалите все мои данные", "confirm": "да, удалить все",
           "faq": "сколько стоит интеграционный курс", "stop": "забудь", "switch": "можно по-английски"},
    "ti": {"course": "ናይ ጀርመንኛ ኮርስ ደልየ", "town": "ቱቢንገን", "level": "ኣይፈልጥን",
           "need": "ኣይፋል", "hours": "ቤት ጽሕፈት ማሕበራዊ ጉዳያት መዓስ ክፉት እዩ", "service": "ማሕበራዊ ጉዳያት",
           "book": "ምስ ኢንተግራሲዮን ማናጀር ቆጸራ ክሕዝ ደልየ", "purpose": "ብዛዕባ ገዛ",
           "day": "ሰሉስ", "slot": "ካልኣይ", "cancel": "ቆጸራይ ክሰርዝ ደልየ", "which": "እወ",
           "human": "ምስ ሰብ ክዛረብ ደልየ", "yes": "እወ", "no": "ኣይፋል",
           "delete": "ኩሉ ሓበሬታይ ደምስሶ", "confirm": "እወ ኩሉ ደምስስ",
           "faq": "ናይ ምውህሃድ ኮርስ ክንደይ ዋጋ ኣለዎ", "stop": "ግደፎ", "switch": "ብእንግሊዝኛ ንጽሓፍ"},
    "fa": {"course": "کلاس زبان آلمانی میخواهم", "town": "توبینگن", "level": "نمیدانم",
           "need": "نه", "hours": "اداره امور اجتماعی کی باز است", "service": "اداره امور اجتماعی",
           "book": "میخواهم با مدیر ادغام وقت ملاقات بگیرم", "purpose": "درباره خانه",
           "day": "سه شنبه", "slot": "دومی", "cancel": "میخواهم وقتم را لغو کنم", "which": "بله",
           "human": "میخواهم با یک آدم صحبت کنم", "yes": "بله", "no": "نه ممنون",
           "delete": "لطفا همه اطلاعات من را پاک کن", "confirm": "بله همه را پاک کن",
           "faq": "کورس ادغام چقدر پول است", "stop": "بیخیال", "switch": "میشه انگلیسی بنویسیم"},
    "tr": {"course": "almanca kursu arıyorum", "town": "Tübingen", "level": "bilmiyorum",
           "need": "hayır", "hours": "sosyal yardım dairesi ne zaman açık", "service": "sosyal yardım dairesi",
           "book": "entegrasyon yöneticisinden randevu almak istiyorum", "purpose": "ev konusunda",
           "day": "salı", "slot": "ikinci", "cancel": "randevumu iptal etmek istiyorum", "which": "evet",
           "human": "bir insanla konuşmak istiyorum", "yes": "evet", "no": "hayır teşekkürler",
           "delete": "bütün verilerimi sil", "confirm": "evet hepsini sil",
           "faq": "entegrasyon kursu ne kadar", "stop": "boşver", "switch": "ingilizce yazabilir miyiz"},
}
LANGUAGES = list(TYPED)


@pytest.fixture(scope="module")
def runner(stack):
    """Conversations through Rasa's REST channel of the running stack, checked in its database."""
    return Runner(f"http://127.0.0.1:{stack.ports.rasa}", stack.env["LOTSE_RASA_TOKEN"], stack.logs / "lotse.sqlite3")


def typed(language, task, opener, **answers):
    """A conversation answered by typing: ``answers`` maps slots to (expected value, typed text)."""
    return Conversation(language, task, "typed", {"text": opener}, answers)


def assert_completed(result):
    assert result.completed, "\n".join([result.reason, *result.transcript])


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_course_search_by_typing(runner, language):
    t = TYPED[language]
    result = runner.run(typed(language, "course_search", t["course"], municipality=("Tübingen", t["town"]),
                              course_level=("unknown", t["level"]), course_need=("none", t["need"])))
    assert_completed(result)
    assert result.turns <= 4


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("style", ["buttons", "labels"])
def test_a_course_search_by_buttons_and_by_their_typed_labels(runner, language, style):
    values = {"municipality": ("Tübingen", "Tübingen"), "course_level": ("A1", None), "course_need": ("none", None)}
    result = runner.run(Conversation(language, "course_search", style, {"text": TYPED[language]["course"]}, values))
    assert_completed(result)


@pytest.mark.parametrize("language", LANGUAGES)
def test_office_hours_by_typing(runner, language):
    t = TYPED[language]
    result = runner.run(typed(language, "office_hours", t["hours"], municipality=("Tübingen", t["town"]),
                              service_type=("sozialamt", t["service"])))
    assert_completed(result)


@pytest.mark.parametrize("language", LANGUAGES)
def test_booking_an_appointment_by_typing(runner, language):
    t = TYPED[language]
    result = runner.run(typed(language, "booking", t["book"], municipality=("Tübingen", t["town"]),
                              appointment_purpose=("housing", t["purpose"]), preferred_day=("1", t["day"]),
                              appointment_slot=(2, t["slot"])))
    assert_completed(result)


@pytest.mark.parametrize("language", LANGUAGES)
def test_cancelling_the_appointment_by_typing(runner, language):
    t = TYPED[language]
    assert_completed(runner.run(typed(language, "cancel", t["cancel"], appointment_id=(1, t["which"]))))


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("consent", ["yes", "no"])
def test_a_handover_confirmed_by_typing_opens_exactly_one_ticket(runner, language, consent):
    t = TYPED[language]
    result = runner.run(typed(language, "handover", t["human"], municipality=("Tübingen", t["town"]),
                              handover_consent=(consent, t[consent])))
    assert_completed(result)


@pytest.mark.parametrize("language", LANGUAGES)
def test_deleting_the_data_by_typing(runner, language):
    t = TYPED[language]
    assert_completed(runner.run(typed(language, "delete", t["delete"], delete_confirmed=("yes", t["confirm"]))))


def bot_text(messages):
    return "\n".join(m["text"] for m in messages)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_question_in_between_is_answered_and_the_course_search_goes_on(runner, language):
    t = TYPED[language]
    client = Client(runner.rasa_url, language, runner.token)
    client.say(t["course"])
    client.say(t["town"])
    answer = bot_text(client.say(t["faq"]))
    level_question = marker(text_of(language, "utter_ask_course_level"))
    assert level_question in answer  # asked again after the answer
    assert answer.index(level_question) > 0
    client.say(t["level"])
    assert marker(text_of(language, "utter_courses_found")) in bot_text(client.say(t["need"])) or \
        marker(text_of(language, "utter_courses_nearby")) in bot_text(client.last)


@pytest.mark.parametrize("language", LANGUAGES)
def test_stop_ends_the_booking_and_nothing_is_booked(runner, language):
    t = TYPED[language]
    client = Client(runner.rasa_url, language, runner.token)
    client.say(t["book"])
    client.say(t["town"])
    assert marker(text_of(language, "utter_task_stopped")) in bot_text(client.say(t["stop"]))
    assert runner.query("SELECT count(*) FROM directory_appointment WHERE client_ref = ?", client.sender)[0][0] == 0


#: Where a typed wish for English in the middle of the level question is not understood yet: read as a level
#: answer (ar, ti, fa) or as a language question without the language (ru). A known gap (issue 17's note).
SWITCH_NOT_UNDERSTOOD = {"ar", "ru", "ti", "fa"}


@pytest.mark.parametrize("language", [
    pytest.param(code, marks=pytest.mark.xfail(strict=True, reason="typed language wish not understood mid-question"))
    if code in SWITCH_NOT_UNDERSTOOD else code for code in LANGUAGES])
def test_a_language_switch_keeps_the_open_question_and_asks_it_in_the_new_language(runner, language):
    t = TYPED[language]
    client = Client(runner.rasa_url, language, runner.token)
    client.say(t["course"])
    client.say(t["town"])
    target = "de" if language == "en" else "en"
    assert marker(text_of(target, "utter_ask_course_level")) in bot_text(client.say(t["switch"]))
