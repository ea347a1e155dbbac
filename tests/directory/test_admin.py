"""Editors see and change only their own district's directory, through real admin HTTP requests."""

import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client

from bot.directory import models as m

INLINES = ("service_at_locations", "service_areas", "schedules", "closures", "phones")


def _client(user):
    client = Client(SERVER_NAME="localhost")
    client.force_login(user)
    return client


@pytest.fixture()
def tuebingen_editor(db):
    user = User.objects.create_user("editor-tue", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="directory"))
    m.Editor.objects.create(user=user, district=m.District.objects.get(name="Landkreis Tübingen"))
    return _client(user)


def _service(name):
    return m.Service.objects.get(name=name)


def _service_form(service, **changes):
    data = {"name": service.name, "status": service.status, "lotse_type": service.lotse_type,
            "organization": service.organization_id, "district": service.district_id, "description": "",
            **changes}
    for prefix in INLINES:
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    return {k: v for k, v in data.items() if v is not None}


def test_the_service_list_shows_only_the_editors_district(tuebingen_editor):
    page = tuebingen_editor.get("/admin/directory/service/?all=").content.decode()
    assert "Jobcenter Landkreis Tübingen" in page
    assert "Jobcenter Stuttgart" not in page and "Standort Esslingen" not in page


def test_another_districts_service_cannot_be_opened_changed_or_deleted(tuebingen_editor):
    stuttgart = _service("Jobcenter Stuttgart – Eingangszone")
    url = f"/admin/directory/service/{stuttgart.pk}/change/"
    assert tuebingen_editor.get(url).status_code == 404
    response = tuebingen_editor.post(url, _service_form(stuttgart, name="Übernommen"))
    assert response.status_code == 404
    assert tuebingen_editor.post(f"/admin/directory/service/{stuttgart.pk}/delete/", {"post": "yes"}).status_code == 404
    assert _service("Jobcenter Stuttgart – Eingangszone").pk == stuttgart.pk


def test_the_editor_changes_their_own_districts_service(tuebingen_editor):
    own = _service("Jobcenter Landkreis Tübingen")
    url = f"/admin/directory/service/{own.pk}/change/"
    assert tuebingen_editor.get(url).status_code == 200
    response = tuebingen_editor.post(url, _service_form(own, name="Jobcenter Tübingen (neu)"))
    assert response.status_code == 302
    assert m.Service.objects.get(pk=own.pk).name == "Jobcenter Tübingen (neu)"


def test_a_service_cannot_be_moved_to_another_district(tuebingen_editor):
    own = _service("Jobcenter Landkreis Tübingen")
    stuttgart = m.District.objects.get(name="Stuttgart")
    response = tuebingen_editor.post(f"/admin/directory/service/{own.pk}/change/",
                                     _service_form(own, district=stuttgart.pk))
    assert response.status_code == 200  # the form comes back with an error
    assert m.Service.objects.get(pk=own.pk).district.name == "Landkreis Tübingen"
    page = tuebingen_editor.get("/admin/directory/service/add/").content.decode()
    assert "Landkreis Tübingen" in page and f'value="{stuttgart.pk}"' not in page


def test_manager_choices_are_limited_to_the_district(tuebingen_editor):
    manager = m.IntegrationManager.objects.get(name="Samir Erfunden-Nasser")
    page = tuebingen_editor.get(f"/admin/directory/integrationmanager/{manager.pk}/change/").content.decode()
    assert "Rottenburg am Neckar" in page and ">Stuttgart<" not in page and "Nürtingen" not in page
    stuttgart_manager = m.IntegrationManager.objects.get(name="Amira Beispiel-Haddad")
    url = f"/admin/directory/integrationmanager/{stuttgart_manager.pk}/change/"
    assert tuebingen_editor.get(url).status_code == 404


def test_a_superuser_sees_every_district(db):
    admin = _client(User.objects.create_superuser("root-test", "root@example.org", None))
    page = admin.get("/admin/directory/service/?all=").content.decode()
    assert "Jobcenter Stuttgart" in page and "Jobcenter Landkreis Tübingen" in page


def test_admin_pages_need_a_login(db):
    response = Client(SERVER_NAME="localhost").get("/admin/directory/service/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]



def test_the_editor_downloads_an_appointment_for_the_calendar_only_in_their_district(tuebingen_editor):
    from bot.directory import queries
    from tests import clock

    after = clock.now()
    booked = {}
    for town in ("Tübingen", "Stuttgart"):
        manager = queries.managers_for(town)[0]
        booked[town] = queries.book(manager.id, f"web-{town}", queries.free_slots(manager.id, after, count=1)[0],
                                    "Wohnung", "ar")
    response = tuebingen_editor.get(f"/admin/directory/appointment/{booked['Tübingen'].id}/ics/")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    calendar = response.content.decode()
    assert "BEGIN:VEVENT" in calendar and "web-Tübingen" not in calendar.replace("\r\n ", "")
    assert tuebingen_editor.get(f"/admin/directory/appointment/{booked['Stuttgart'].id}/ics/").status_code == 404
    listing = tuebingen_editor.get("/admin/directory/appointment/").content.decode()
    assert f"/admin/directory/appointment/{booked['Tübingen'].id}/ics/" in listing
    change = tuebingen_editor.get(f"/admin/directory/appointment/{booked['Tübingen'].id}/change/").content.decode()
    assert "web-Tübingen" not in listing and "web-Tübingen" not in change  # editors never see client ids
