"""A place an editor adds in the directory is recognised in messages without retraining."""

from django.test import TestCase

from bot import paths
from bot.directory import models as m
from bot.gazetteer.matcher import MUNICIPALITY, Gazetteer


def test_a_new_municipality_and_its_aliases_reach_the_gazetteer(db, tmp_path, monkeypatch):
    monkeypatch.setenv("LOTSE_VAR_DIR", str(tmp_path))
    gazetteer = Gazetteer(paths.gazetteer_dir(), paths.locales_dir() / "languages.yml",
                          overlay_dir=paths.gazetteer_overlay_dir())
    message = "ich wohne in Kusterdingen"
    assert [match.value for match in gazetteer.find(message, [MUNICIPALITY])] == []

    with TestCase.captureOnCommitCallbacks(execute=True):
        m.Municipality.objects.create(name="Kusterdingen", district=m.District.objects.get(name="Landkreis Tübingen"),
                                      aliases={"ar": ["كوستردينغن"], "uk": ["Кустердінген"]})

    gazetteer._reload_if_changed(force=True)  # it re-reads changed files every few seconds by itself
    assert [match.value for match in gazetteer.find(message, [MUNICIPALITY])] == ["Kusterdingen"]
    assert [match.value for match in gazetteer.find("أسكن في كوستردينغن", [MUNICIPALITY])] == ["Kusterdingen"]


def test_editors_keep_the_always_human_topics(db, tmp_path, monkeypatch):
    from bot.gazetteer.matcher import ALWAYS_HUMAN_TOPIC

    monkeypatch.setenv("LOTSE_VAR_DIR", str(tmp_path))
    gazetteer = Gazetteer(paths.gazetteer_dir(), paths.locales_dir() / "languages.yml",
                          overlay_dir=paths.gazetteer_overlay_dir())
    assert [t.value for t in gazetteer.find("Angst vor der Abschiebung", [ALWAYS_HUMAN_TOPIC])] == ["abschiebung"]

    with TestCase.captureOnCommitCallbacks(execute=True):
        m.AlwaysHumanTopic.objects.create(key="kirchenasyl", label="Kirchenasyl",
                                          keywords={"de": ["Kirchenasyl"], "ar": ["اللجوء الكنسي"]})
        m.AlwaysHumanTopic.objects.filter(key="abschiebung").update(active=False)
        m.AlwaysHumanTopic.objects.get(key="asylverfahren").save()  # any save writes the whole list

    gazetteer._reload_if_changed(force=True)
    assert [t.value for t in gazetteer.find("Geht Kirchenasyl noch?", [ALWAYS_HUMAN_TOPIC])] == ["kirchenasyl"]
    assert gazetteer.find("Angst vor der Abschiebung", [ALWAYS_HUMAN_TOPIC]) == []  # switched off by an editor
