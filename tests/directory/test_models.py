"""Model constraints hold in the database itself, and the gazetteer's places are seeded."""

from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction

from bot.directory.constants import BOOKED, CANCELLED
from bot.directory.models import Appointment, Course, IntegrationManager, Municipality, Service
from tests import clock


def _appointment(manager, start, status=BOOKED, ref="web-a"):
    return Appointment.objects.create(manager=manager, client_ref=ref, start=start, end=start + timedelta(minutes=30),
                                      status=status)


def test_one_manager_cannot_have_two_booked_appointments_at_the_same_start(db):
    manager = IntegrationManager.objects.get(pk=1)
    start = clock.at(clock.next_weekday(1), 9)
    _appointment(manager, start)
    with pytest.raises(IntegrityError), transaction.atomic():
        _appointment(manager, start, ref="web-b")


def test_a_cancelled_appointment_frees_its_start_for_a_new_booking(db):
    manager = IntegrationManager.objects.get(pk=1)
    start = clock.at(clock.next_weekday(1), 9)
    _appointment(manager, start, status=CANCELLED)
    _appointment(manager, start, ref="web-b")
    assert Appointment.objects.filter(manager=manager, start=start).count() == 2


def test_a_course_cannot_end_before_it_starts(db):
    course = Course.objects.first()
    course.end_date = course.start_date - timedelta(days=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        course.save()


def test_municipalities_and_districts_come_from_the_gazetteer(db):
    tuebingen = Municipality.objects.get(name="Tübingen")
    assert tuebingen.district.name == "Landkreis Tübingen" and tuebingen.district.kind == "Landkreis"
    assert "Тюбінген" in tuebingen.aliases["uk"]
    assert Municipality.objects.get(name="Stuttgart").district.kind == "Stadtkreis"
    assert not Municipality.objects.filter(name="Landkreis Esslingen").exists()


def test_the_sample_directory_is_marked_as_sample_data(db):
    assert Service.objects.count() > 40
    assert all("Beispieldaten" in s.organization.description for s in Service.objects.select_related("organization"))


def test_the_sample_package_is_built_from_its_source(tmp_path):
    """package/ must be regenerated (python -m bot.directory.sample.build) after editing source.yml."""
    import yaml

    from bot.directory.sample import PACKAGE, REFERENCE_MONDAY
    from bot.directory.sample.build import HERE, build, write

    rows = build(yaml.safe_load((HERE / "source.yml").read_text(encoding="utf-8")))
    write(rows, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in PACKAGE.iterdir())
    for path in tmp_path.iterdir():
        assert path.read_bytes() == (PACKAGE / path.name).read_bytes(), path.name
    assert REFERENCE_MONDAY < max(date.fromisoformat(r["start_date"]) for r in rows["lotse_courses"])
