"""Redaction: personal data in a client's message replaced by placeholders before anyone stores it.

Replaced are e-mail addresses, IBANs, phone numbers (international and German formats, in Latin,
Arabic-Indic and Persian digits), long case and file numbers, street addresses (German street
names with a house number, also spelled in Arabic, Persian and Cyrillic script) and names
introduced in any of the bot's languages ("ich heiße …", "اسمي …", "ስመይ …").

The rules are deliberately greedy: a lost word in a content gap costs an editor little, a
surviving phone number costs a client their privacy.

>>> redact("Ich heiße Anna Müller, Tel. 0176 1234 5678, anna.mueller@web.de")
'Ich heiße [Name], Tel. [Telefon], [E-Mail]'
>>> redact("Wohne in der Hauptstraße 12a, 72070 Tübingen. Wann kommt der Brief?")
'Wohne in der [Adresse]. Wann kommt der Brief?'
"""

from __future__ import annotations

import re
from typing import Callable, List, Match, Optional, Pattern, Tuple

#: Placeholders, German like the editors' pages that show them.
NAME = "[Name]"
PHONE = "[Telefon]"
EMAIL = "[E-Mail]"
ADDRESS = "[Adresse]"
IBAN = "[IBAN]"
CASE_NUMBER = "[Aktenzeichen]"

#: Fewest digits a phone number has (a short number such as "2024" or "B1" is left alone).
PHONE_MIN_DIGITS = 6
#: A number not shaped like a phone number is a case or file number with a block of this many digits …
CASE_BLOCK_DIGITS = 5
#: … or this many digits in all, unless it is a date or a span of years.
CASE_MIN_DIGITS = 7
#: Fewest digits of an IBAN (Germany's have 20).
IBAN_MIN_DIGITS = 10

#: Letters of a word in any of the bot's scripts, with Arabic vowel marks and the Persian ZWNJ.
_LETTER = r"[^\W\d_]"
_WORD_CHAR = r"[^\W_\u200c]|[\u064b-\u065f\u0670\u200c'’-]"
_WORD = rf"{_LETTER}(?:{_WORD_CHAR})*"
#: Separators inside a phone number: spaces (also non-breaking), slashes, dashes, brackets.
_PHONE_SEPARATOR = r"[ \u00a0\u202f/()\-–]"

#: An e-mail address; a stray "@" before it ("x@anna@web.de") is taken along, so no part of it is left.
EMAIL_PATTERN = re.compile(r"(?<![\w.+%'-])[\w.+%'-]+(?:@[\w.+%'-]+)*@[^\W_](?:[\w-]*\.)+[^\W\d_]{2,}")
IBAN_PATTERN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?\b", re.IGNORECASE)
#: Dates and spans of years, which have many digits but identify no one: "12/3/2027", "2024 - 2025".
DATE_PATTERN = re.compile(r"(?:0?[1-9]|[12]\d|3[01])\s?[/-]\s?(?:0?[1-9]|1[0-2])\s?[/-]\s?(?:19|20)?\d\d"
                          r"|(?:19|20)\d\d\s?[-–/]\s?(?:19|20)?\d\d")
#: A run of digits joined by phone separators, perhaps after "+"; its digits decide what it is.
NUMBER_PATTERN = re.compile(rf"(?:\+\(?|(?<!\w)\()?\d(?:{_PHONE_SEPARATOR}{{0,4}}\d)*")
#: The blocks of digits in such a run.
DIGIT_BLOCK = re.compile(r"\(?\d+")
#: A file reference introduced by its name: "Az. 5 K 1234/21", "Aktenzeichen: 1234567-439".
CASE_PATTERN = re.compile(
    r"\b(?:Aktenzeichen|Az\.?|AZ|Geschäftszeichen|Kundennummer|BG-Nummer|Bedarfsgemeinschaft(?:snummer)?|"
    r"file number|case number|reference number)\s*[:.#]?\s*((?:[\w/.-]*\d[\w/.-]*)(?:\s+[\w/.-]*\d[\w/.-]*)*"
    r"(?:\s+[A-Za-z]{1,2}\s+[\w/.-]*\d[\w/.-]*)?)",
    re.IGNORECASE)

#: Endings of German street names ("Hauptstraße", "Lindenweg", "Marktplatz"); "Str." abbreviates.
_STREET_ENDINGS = r"stra(?:ß|ss|s)e|str\.?|weg|platz|allee|gasse|ring|damm|ufer|steige|steig|pfad|chaussee"
#: Capitalized street words after a name ("Hohe Straße 5", "Tübinger Str. 5"); lower case only where unambiguous.
_STREET_WORDS_AFTER = r"[Ss]tra(?:ß|ss)e|[Ss]tr\.?|Weg|Platz|Allee|Gasse|Ring|Damm"
#: "Straße" as clients transliterate German street names: Arabic, Persian, Cyrillic script.
_STREET_OTHER_SCRIPTS = r"ا?شتراس[هة]?|штра(?:сс|с)е|штр\."
#: Words for "street" placed before the name: Arabic, Persian, Russian, Ukrainian, Turkish.
_STREET_WORDS_BEFORE = r"شارع|خیابان|خيابان|улица|ул\.|вулиця|вул\.|sokak|sok\.|caddesi|cad\."
_HOUSE_NUMBER = r"\d{1,3}(?:\s?[a-zA-Z](?!\w))?(?:\s?[-/]\s?\d{1,3}[a-zA-Z]?)?"
_POSTCODE_CITY = rf"(?:,?\s*\d{{5}}\s+{_WORD}(?:[ -]{_WORD})?)?"
ADDRESS_PATTERNS: List[Pattern[str]] = [
    # "Hauptstraße 12a", "Karl-Marx-Str. 5", "hauptstr 5", "Lindenweg 3/1", with ", 72070 Tübingen"
    re.compile(rf"(?<![\w-]){_LETTER}[\w-]*?(?:{_STREET_ENDINGS})"
               rf"\s*{_HOUSE_NUMBER}{_POSTCODE_CITY}(?!\w)", re.IGNORECASE),
    # "Hohe Straße 5", "Tübinger Str. 5"
    re.compile(rf"\b{_WORD}\s+(?:{_STREET_WORDS_AFTER})\s*{_HOUSE_NUMBER}{_POSTCODE_CITY}(?!\w)"),
    # "هاوبت شتراسه 5", "Хауптштрассе 5", "Хаупт штрассе 5"
    re.compile(rf"(?<![\w-])(?:{_WORD}[ -])?{_LETTER}*?(?:{_STREET_OTHER_SCRIPTS})\s*{_HOUSE_NUMBER}"
               rf"{_POSTCODE_CITY}(?!\w)",
               re.IGNORECASE),
    # "شارع هاوبت 5", "улица Ленина 5", "ул. Гагарина, 12"
    re.compile(rf"(?<!\w)(?:{_STREET_WORDS_BEFORE})\s*(?:{_WORD}\s*){{1,3}},?\s*{_HOUSE_NUMBER}{_POSTCODE_CITY}"
               rf"(?!\w)", re.IGNORECASE),
]

#: Phrases that introduce the writer's name, in the bot's languages (de en ar uk ru ti fa tr).
_NAME_INTRODUCTIONS = (
    r"ich hei(?:ß|ss|s)e", r"mein name ist", r"mein name lautet", r"mein name", r"name",
    r"my name is", r"my name's", r"i am called",
    r"меня зовут", r"моё имя", r"мое имя", r"мене звати", r"моє ім['’ʼ]я",
    r"انا اسمي", r"أنا اسمي", r"اسمي", r"إسمي",
    r"benim adım", r"benim adim", r"ismim", r"adım", r"adim",
    r"ስመይ", r"ሽመይ",
)
#: An introduction without a verb ("Name", "mein Name") only counts with a colon: "Name: Anna".
_NEEDS_COLON = {"name", "mein name"}
NAME_PATTERN = re.compile(
    rf"(?<!\w)(?P<intro>{'|'.join(_NAME_INTRODUCTIONS)})(?!\w)(?P<sep>\s*[:,]?\s*)"
    rf"(?P<name>{_WORD}(?:[ \u00a0]+{_WORD}){{0,2}})",
    re.IGNORECASE)
#: Persian: "نام من علی رضایی است" / "اسم من علی است" (the name stands before "است").
PERSIAN_NAME_PATTERN = re.compile(
    rf"(?P<intro>(?:نام|اسم)\s*\u200c?\s*من)(?P<sep>\s+)(?P<name>{_WORD}(?:\s+{_WORD}){{0,2}}?)"
    rf"(?=\s*(?:است|هست)|\s*[.,!?،]|\s*$)")
#: Words after a name introduction that are not part of the name ("ich heiße Anna und …").
_NOT_NAME = {
    "und", "aber", "bin", "ich", "aus", "von", "wohne", "habe", "brauche", "komme", "mit", "in",
    "and", "but", "i", "am", "is", "from", "live", "have", "need", "come", "with",
    "и", "я", "из", "живу", "і", "з", "а",
    "من", "از", "است", "هست", "في", "عندي", "أنا", "انا", "أريد", "اريد", "أبحث", "ابحث", "أحتاج", "احتاج",
    "أسكن", "اسكن", "أعيش", "اعيش", "ساكن",
    "ve", "ben", "ile", "ama",
    "እዩ", "እየ", "እዬ", "ኣብ", "ካብ",
}


def _not_name(word: str) -> bool:
    """Whether ``word`` after a name introduction is no longer part of the name (also Arabic "و" + word)."""
    lowered = word.lower()
    return lowered in _NOT_NAME or lowered.startswith("و") and lowered[1:] in _NOT_NAME


def _name_words(words: List[str]) -> int:
    """How many of the words after a name introduction are the name: up to a function word or a
    lower-case second word in a cased script ("ich heiße anna und …" has one)."""
    count = 0
    for index, word in enumerate(words):
        cased = word[0].lower() != word[0].upper()
        if _not_name(word) or index > 0 and cased and word[0].islower():
            break
        count += 1
    return count


def _redact_name(match: Match[str]) -> str:
    """The match with the name words after the introduction replaced, unless it is not one after all."""
    intro, separator = match.group("intro"), match.group("sep")
    if intro.lower() in _NEEDS_COLON and ":" not in separator:
        return match.group(0)
    if intro.lower() in ("adım", "adim") and not _turkish_adim_is_name(match):
        return match.group(0)
    words = match.group("name").split()
    count = _name_words(words)
    if not count:
        return match.group(0)
    rest = match.group("name")[len(" ".join(words[:count])):] if count < len(words) else ""
    return f"{intro}{separator}{NAME}{rest}"


def _turkish_adim_is_name(match: Match[str]) -> bool:
    """"adım" is also "step": a name only at a sentence start or before a capital ("Adım Ali", "adım Ali")."""
    before = match.string[:match.start()].rstrip()
    return not before or before[-1] in ".!?,;:\n" or match.group("name")[0].isupper()


def _redact_names(text: str) -> str:
    text = NAME_PATTERN.sub(_redact_name, text)
    return PERSIAN_NAME_PATTERN.sub(lambda m: f"{m.group('intro')}{m.group('sep')}{NAME}", text)


def digit_count(text: str) -> int:
    """How many digits ``text`` has, in any script.

    >>> digit_count("+49 (0)711 / 12-34")
    10
    >>> digit_count("٠١٧٦ ۱۲۳")
    7
    """
    return sum(1 for character in text if character.isdecimal())


def _redact_number(match: Match[str]) -> str:
    """A phone number from "+" or from a block like "0711" or "0049" on, else a case number when long
    enough; short numbers stay ("B1", "2027", "250 Euro")."""
    number = match.group(0)
    if number.startswith("+"):
        return PHONE if digit_count(number) >= PHONE_MIN_DIGITS else number
    start = phone_start(number)
    if start is not None:
        return number[:start] + PHONE
    return CASE_NUMBER if is_case_number(number) else number


def phone_start(number: str) -> Optional[int]:
    """Where a phone number begins in a run of digits: at a block starting with a trunk prefix ("0" or "00"
    before a non-zero digit) that has at least ``PHONE_MIN_DIGITS`` digits from there on.

    >>> phone_start("0711 1234567"), phone_start("5 (07071) 12345"), phone_start("1 000 000"), phone_start("0711")
    (0, 2, None, None)
    """
    for block in DIGIT_BLOCK.finditer(number):
        digits = [int(character) for character in block.group(0) if character.isdecimal()]
        if is_trunk_prefix(digits) and digit_count(number[block.start():]) >= PHONE_MIN_DIGITS:
            return block.start()
    return None


def is_trunk_prefix(digits: List[int]) -> bool:
    """Whether a block of digits starts like an area code or an international prefix: 0 or 00, then not 0.

    >>> [is_trunk_prefix(d) for d in ([0, 7, 1, 1], [0, 0, 4, 9], [0], [0, 0, 0], [7, 1, 1])]
    [True, True, True, False, False]
    """
    if digits[:1] != [0]:
        return False
    if digits[1:2] == [0]:  # "00" needs a country code after it
        return len(digits) > 2 and digits[2] != 0
    return len(digits) == 1 or digits[1] != 0


def is_case_number(number: str) -> bool:
    """Whether a run of digits is long enough to identify someone (dates and years are not).

    >>> is_case_number("7654321-439"), is_case_number("12/03/2027"), is_case_number("123 456 789")
    (True, False, True)
    >>> is_case_number("2024-2025"), is_case_number("12 34 56")
    (False, False)
    """
    if DATE_PATTERN.fullmatch(number):
        return False
    blocks = re.split(_PHONE_SEPARATOR + "+", number)
    return max(digit_count(block) for block in blocks) >= CASE_BLOCK_DIGITS or digit_count(number) >= CASE_MIN_DIGITS


def _redact_iban(match: Match[str]) -> str:
    return IBAN if digit_count(match.group(0)) >= IBAN_MIN_DIGITS else match.group(0)


def _redact_case(match: Match[str]) -> str:
    return match.group(0)[:match.start(1) - match.start(0)] + CASE_NUMBER


def _redact_addresses(text: str) -> str:
    for pattern in ADDRESS_PATTERNS:
        text = pattern.sub(ADDRESS, text)
    return text


#: The steps in order: what contains digits or "@" first, so later steps do not see half of it.
STEPS: Tuple[Callable[[str], str], ...] = (
    lambda text: EMAIL_PATTERN.sub(EMAIL, text),
    lambda text: IBAN_PATTERN.sub(_redact_iban, text),
    lambda text: CASE_PATTERN.sub(_redact_case, text),
    _redact_addresses,
    lambda text: NUMBER_PATTERN.sub(_redact_number, text),
    _redact_names,
)


def redact(text: str) -> str:
    """``text`` with e-mail addresses, phone numbers, IBANs, case numbers, addresses and names replaced.

    >>> redact("My name is John Smith, call +44 20 7946 0958 or mail john@example.co.uk")
    'My name is [Name], call [Telefon] or mail [E-Mail]'
    >>> redact("اسمي محمد، رقمي ٠١٧٦ ١٢٣٤٥٦٧٨")
    'اسمي [Name]، رقمي [Telefon]'
    >>> redact("نام من علی رضایی است و شماره من ۰۹۱۲ ۳۴۵ ۶۷۸۹")
    'نام من [Name] است و شماره من [Telefon]'
    >>> redact("Меня зовут Олег, живу: ул. Гагарина 12")
    'Меня зовут [Name], живу: [Adresse]'
    >>> redact("benim adım Ayşe Yılmaz, IBAN DE89 3704 0044 0532 0130 00")
    'benim adım [Name], IBAN [IBAN]'
    >>> redact("ስመይ ሳባ እዩ። BAMF Aktenzeichen 7654321-439")
    'ስመይ [Name] እዩ። BAMF Aktenzeichen [Aktenzeichen]'
    >>> redact("Kurs B1 ab 12.03.2027 um 9:30, 250 Euro, Name des Kurses?")
    'Kurs B1 ab 12.03.2027 um 9:30, 250 Euro, Name des Kurses?'
    """
    for step in STEPS:
        text = step(text)
    return text
