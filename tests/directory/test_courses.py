"""Course search: in the municipality by start date, filters, and the district fallback."""

from datetime import timedelta

from bot.directory import queries
from tests.directory.conftest import TODAY


def test_courses_in_stuttgart_are_ranked_by_start_date_and_include_running_ones_with_seats(db):
    search = queries.find_courses("Stuttgart", today=TODAY, limit=10)
    assert not search.nearby
    starts = [c.start_date for c in search.matches]
    assert starts == sorted(starts)
    titles = [c.title for c in search.matches]
    assert "Intensivkurs B1" in titles  # started in November, still has free seats
    assert "Integrationskurs A2 (läuft, ausgebucht)" not in titles  # running and full
    first = search.matches[0]
    assert first.address == "Erfundene Straße 1A, 70173 Stuttgart"
    assert "030 23125 403" in first.registration and first.provider == "Sprachschule Neckarbrücke"
    assert first.schedule_text_de == "Mo–Fr 8:30–13:30"


def test_the_limit_keeps_the_earliest_courses(db):
    assert len(queries.find_courses("Stuttgart", today=TODAY).matches) == 3


def test_level_childcare_and_women_only_filter(db):
    alpha = queries.find_courses("Stuttgart", level="alpha", today=TODAY).matches
    assert [c.course_type for c in alpha] == ["integration_literacy"]
    with_childcare = queries.find_courses("Esslingen", childcare=True, today=TODAY).matches
    assert [c.title for c in with_childcare] == ["Elternintegrationskurs mit Kinderbetreuung"]
    women = queries.find_courses("Tübingen", women_only=True, today=TODAY).matches
    assert women and all(c.women_only for c in women)


def test_a_town_without_courses_gets_the_districts_courses_marked_nearby(db):
    search = queries.find_courses("Mössingen", today=TODAY)
    assert search.nearby
    assert {c.address.split(", ")[-1] for c in search.matches} <= {"72072 Tübingen", "72108 Rottenburg am Neckar"}
    assert search.matches


def test_names_in_other_scripts_find_the_same_courses(db):
    assert queries.find_courses("Штутгарт", today=TODAY) == queries.find_courses("Stuttgart", today=TODAY)
    assert queries.municipality_named("ሽቱትጋርት") == queries.MunicipalityInfo("Stuttgart", "Stuttgart")
    assert queries.municipality_named("esslingen") == queries.MunicipalityInfo("Esslingen am Neckar",
                                                                              "Landkreis Esslingen")
    assert queries.municipality_named("Atlantis") is None


def test_courses_that_already_ended_or_began_full_are_not_offered_later(db):
    later_day = TODAY + timedelta(weeks=20)  # the intensive course has ended by then
    later = queries.find_courses("Stuttgart", level="B1", today=later_day)
    assert all(c.end_date is None or c.end_date >= later_day for c in later.matches)
    assert "Intensivkurs B1" not in [c.title for c in later.matches]


def test_unknown_place_gives_no_courses(db):
    assert queries.find_courses("Atlantis", today=TODAY) == queries.CourseSearch([], False)
