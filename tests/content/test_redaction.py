"""Redaction: personal data in the eight languages never reaches a stored content gap."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.content.redaction import ADDRESS, CASE_NUMBER, EMAIL, IBAN, NAME, PHONE, redact

#: Digits as clients type them: Latin, Arabic-Indic (ar) and Extended Arabic-Indic (fa).
DIGIT_SETS = ["0123456789", "٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹"]


@pytest.mark.parametrize("message, expected", [
    ("Ich heiße Anna Müller und brauche einen Kurs", f"Ich heiße {NAME} und brauche einen Kurs"),
    ("ich heisse anna und wohne in Ulm", f"ich heisse {NAME} und wohne in Ulm"),
    ("Mein Name ist Ali Hassan.", f"Mein Name ist {NAME}."),
    ("Name: Fatima Karimi", f"Name: {NAME}"),
    ("my name is John and I need help", f"my name is {NAME} and I need help"),
    ("Меня зовут Олег Петров, мне нужен курс", f"Меня зовут {NAME}, мне нужен курс"),
    ("Мене звати Оксана, я з Харкова", f"Мене звати {NAME}, я з Харкова"),
    ("اسمي محمد وأحتاج مساعدة", f"اسمي {NAME} وأحتاج مساعدة"),
    ("نام من علی رضایی است", f"نام من {NAME} است"),
    ("benim adım Ayşe, kurs arıyorum", f"benim adım {NAME}, kurs arıyorum"),
    ("Adım Mehmet. Yardım lazım", f"Adım {NAME}. Yardım lazım"),
    ("ስመይ ሳባ እዩ", f"ስመይ {NAME} እዩ"),
])
def test_names_introduced_in_every_language_are_replaced(message, expected):
    assert redact(message) == expected


@pytest.mark.parametrize("message", [
    "Ich brauche einen Deutschkurs B1 in Tübingen",
    "Was ist der Name des Kurses?",
    "bir adım daha atmak istiyorum",
    "Der Termin ist am 12.03.2027 um 9:30, es kostet 250 Euro",
    "Ich wohne seit 2019 in Heidelberg",
    "أريد دورة لغة في شتوتغارت",
])
def test_ordinary_questions_stay_as_they_are(message):
    assert redact(message) == message


@pytest.mark.parametrize("message, placeholder, secret", [
    ("ruf mich an: +49 711 1234567", PHONE, "1234567"),
    ("Tel 0049 (0)711 / 123 45 67", PHONE, "123"),
    ("Handy 0176-12345678 bitte", PHONE, "12345678"),
    ("Festnetz (07071) 98765", PHONE, "98765"),
    ("رقمي ٠١٧٦ ١٢٣٤ ٥٦٧٨", PHONE, "٥٦٧٨"),
    ("شماره من ۰۹۱۲ ۳۴۵ ۶۷۸۹ است", PHONE, "۶۷۸۹"),
    ("+963 944 123 456", PHONE, "944"),
    ("schreib an mo.hassan@gmx.de", EMAIL, "hassan"),
    ("IBAN DE89 3704 0044 0532 0130 00", IBAN, "0532"),
    ("Az. 5 K 1234/21 beim Verwaltungsgericht", CASE_NUMBER, "1234/21"),
    ("BAMF 7654321-439", CASE_NUMBER, "7654321"),
    ("Ich wohne in der Hauptstraße 12a, 72070 Tübingen", ADDRESS, "12a"),
    ("Karl-Marx-Str. 5 in Mannheim", ADDRESS, "Marx"),
    ("adresse: lindenweg 3/1", ADDRESS, "lindenweg"),
    ("Hohe Straße 7", ADDRESS, "Hohe"),
    ("عنواني هاوبت شتراسه 5", ADDRESS, "هاوبت"),
    ("Я живу на Хауптштрассе 17", ADDRESS, "Хаупт"),
    ("شارع الملك فيصل 12", ADDRESS, "فيصل"),
])
def test_numbers_addresses_and_mail_are_replaced(message, placeholder, secret):
    redacted = redact(message)
    assert placeholder in redacted
    assert secret not in redacted


#: Random text around the personal data: letters of the bot's scripts, spaces and punctuation …
WORDS = list("abcxyzÄüß АбвЖ ابتث ሰላም .,;:!?-/()@+\n")
words = st.text(st.sampled_from(WORDS), max_size=30)
#: … and digits too (a date or an amount right next to the number).
noise = st.text(st.sampled_from(WORDS + list("0123456789۱٣")), max_size=30)


@st.composite
def phone_numbers(draw):
    """A phone number as clients write it: +49 / 0049 / 0 prefix, groups with spaces, slashes or dashes."""
    digits = draw(st.sampled_from(DIGIT_SETS))
    prefix = draw(st.sampled_from(["+49 ", "+49", "0049 ", "+963 ", "+7 ", "0", "(0", "+49 (0)"]))
    area = "".join(draw(st.lists(st.sampled_from(digits[1:]), min_size=2, max_size=4)))
    closing = ")" if prefix.endswith("(0") else ""
    separator = draw(st.sampled_from([" ", "/", "-", " / ", "", " - "]))
    groups = draw(st.lists(st.text(st.sampled_from(digits), min_size=2, max_size=4), min_size=2, max_size=4))
    local = draw(st.sampled_from([" ", "-", ""])).join(groups)
    return f"{prefix}{area}{closing}{separator}{local}"


emails = st.builds(lambda user, domain, tld: f"{user}@{domain}.{tld}",
                   st.from_regex(r"[a-z][a-z0-9._-]{0,12}[a-z0-9]", fullmatch=True),
                   st.from_regex(r"[a-z0-9][a-z0-9-]{0,10}[a-z0-9]", fullmatch=True),
                   st.sampled_from(["de", "com", "org", "co.uk", "info"]))


def digits_of(text):
    """Only the digits, in order (what a reader could still dial)."""
    return "".join(character for character in text if character.isdecimal())


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(before=noise, phone=phone_numbers(), after=noise)
def test_a_phone_number_anywhere_never_survives(before, phone, after):
    assert phone not in redact(before + phone + after)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(before=words, phone=phone_numbers(), after=words)
def test_not_a_single_digit_of_a_phone_number_survives(before, phone, after):
    assert digits_of(redact(before + phone + after)) == ""


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(before=noise, email=emails, after=noise)
def test_an_email_address_anywhere_never_survives(before, email, after):
    redacted = redact(before + email + after)
    assert email not in redacted
    assert "@" + email.split("@")[1] not in redacted
