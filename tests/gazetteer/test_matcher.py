"""The gazetteer finds places, services, levels and languages however clients write them."""

import pytest
import yaml

from bot import paths
from bot.gazetteer.matcher import COURSE_LEVEL, LANGUAGE, MUNICIPALITY, SERVICE_TYPE, Gazetteer, spacy_tokenize


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer(paths.gazetteer_dir(), paths.locales_dir() / "languages.yml", spacy_tokenize())


def values(gazetteer, text, entity):
    return [m.value for m in gazetteer.find(text) if m.entity == entity]


@pytest.mark.parametrize("text, expected", [
    ("Ich wohne in Freiburg", "Freiburg im Breisgau"),
    ("я живу у Фрайбурзі", "Freiburg im Breisgau"),
    ("курсы во Фрайбурге", "Freiburg im Breisgau"),
    ("Ulm'da kurs var mı", "Ulm"),
    ("ساكن بشتوتغارت", "Stuttgart"),
    ("در فرایبورگ زندگی میکنم", "Freiburg im Breisgau"),
    ("ኣብ ሽቱትጋርት እየ ዘለኹ", "Stuttgart"),
    ("ich wohne in tuebingen", "Tübingen"),
    ("Esslingen", "Esslingen am Neckar"),
    ("Landkreis Esslingen", "Landkreis Esslingen"),
])
def test_municipalities_in_every_script_and_inflection(gazetteer, text, expected):
    assert values(gazetteer, text, MUNICIPALITY) == [expected]


def test_covers_all_44_districts_of_baden_wuerttemberg():
    data = yaml.safe_load((paths.gazetteer_dir() / "municipalities.yml").read_text(encoding="utf-8"))
    kinds = [place["kind"] for place in data["municipalities"]]
    assert kinds.count("Stadtkreis") == 9
    assert kinds.count("Landkreis") == 35


@pytest.mark.parametrize("text, service", [
    ("wo ist das Jobcenter", "jobcenter"),
    ("где джобцентр", "jobcenter"),
    ("Ausländerbehörde Termin", "auslaenderbehoerde"),
    ("yabancilar dairesi nerede", "auslaenderbehoerde"),  # Turkish typed without ı
    ("sosyal yardim dairesi", "sozialamt"),
])
def test_service_types(gazetteer, text, service):
    assert values(gazetteer, text, SERVICE_TYPE) == [service]


@pytest.mark.parametrize("text, level", [("ich habe B1", "B1"), ("А2 курс", "A2"), ("kurs a1.1", "A1")])
def test_course_levels(gazetteer, text, level):
    assert values(gazetteer, text, COURSE_LEVEL) == [level]


@pytest.mark.parametrize("text, code", [("Arabic please", "ar"), ("по-русски", "ru"), ("ትግርኛ", "ti"),
                                        ("فارسی لطفا", "fa")])
def test_language_names(gazetteer, text, code):
    assert values(gazetteer, text, LANGUAGE) == [code]


def test_a_new_place_is_found_without_retraining(tmp_path):
    (tmp_path / "municipalities.yml").write_text(
        "municipalities:\n  - name: Musterhausen\n    kind: Stadt\n    aliases: {uk: [Мустергаузен]}\n",
        encoding="utf-8")
    gazetteer = Gazetteer(tmp_path, paths.locales_dir() / "languages.yml", spacy_tokenize())
    assert values(gazetteer, "живу в Мустергаузені", MUNICIPALITY) == ["Musterhausen"]

