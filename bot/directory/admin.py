"""Django admin for editors: every list, object and choice limited to the editor's district."""

from __future__ import annotations

from babel import Locale
from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.urls import path, reverse
from django.utils.html import format_html

from bot.directory import models as m
from bot.directory.queries import ics_for
from bot.directory.scoping import editor_district_id, limit
from bot.languages import registry


class DistrictScopedAdmin(admin.ModelAdmin):
    """A ModelAdmin that shows and offers only the rows of the editor's district."""

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        """Only rows of the editor's district."""
        return limit(super().get_queryset(request), request.user)

    def get_object(self, request, object_id, from_field=None):  # type: ignore[no-untyped-def]
        """Another district's row is "not found" (404), not a redirect."""
        obj = super().get_object(request, object_id, from_field)
        if obj is None and self.model._default_manager.filter(pk=object_id).exists():
            raise Http404("not in your district")
        return obj

    def formfield_for_foreignkey(self, db_field, request, **kwargs):  # type: ignore[no-untyped-def]
        """Choices of references limited to the editor's district."""
        kwargs.setdefault("queryset", limit(db_field.related_model._default_manager.all(), request.user))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):  # type: ignore[no-untyped-def]
        """Choices of many-to-many references limited to the editor's district."""
        kwargs.setdefault("queryset", limit(db_field.related_model._default_manager.all(), request.user))
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        """Refuse a save that would leave the editor's district (e.g. a row without district)."""
        super().save_model(request, obj, form, change)
        if editor_district_id(request.user) is not None and not limit(
                type(obj)._default_manager.filter(pk=obj.pk), request.user).exists():
            raise PermissionDenied("the row would not belong to your district")


class ScopedInline(admin.TabularInline):
    """An inline whose reference choices are limited to the editor's district."""

    extra = 0

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        """Only rows of the editor's district."""
        return limit(super().get_queryset(request), request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):  # type: ignore[no-untyped-def]
        """Choices of references limited to the editor's district."""
        kwargs.setdefault("queryset", limit(db_field.related_model._default_manager.all(), request.user))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ScheduleInline(ScopedInline):
    model = m.Schedule
    fields = ("freq", "byday", "opens_at", "closes_at", "valid_from", "valid_to", "description")
    fk_name = "service"


class ClosureInline(ScopedInline):
    model = m.Closure
    fields = ("first_day", "last_day", "reason")
    fk_name = "service"


class ServiceAreaInline(ScopedInline):
    model = m.ServiceArea
    fields = ("name", "description")


class PhoneInline(ScopedInline):
    model = m.Phone
    fields = ("number", "type", "description")
    fk_name = "service"


class ServiceAtLocationInline(ScopedInline):
    model = m.ServiceAtLocation
    fields = ("location", "description")


class AddressInline(ScopedInline):
    model = m.Address
    fields = ("address_1", "address_2", "postal_code", "city", "state_province", "country", "address_type")


class AvailabilityInline(ScopedInline):
    model = m.Availability
    fields = ("weekday", "start", "end", "slot_minutes")


@admin.register(m.Service)
class ServiceAdmin(DistrictScopedAdmin):
    list_display = ("name", "lotse_type", "organization", "district", "by_appointment_only", "status")
    list_filter = ("lotse_type", "by_appointment_only", "status")
    search_fields = ("name", "organization__name")
    inlines = [ServiceAtLocationInline, ServiceAreaInline, ScheduleInline, ClosureInline, PhoneInline]


@admin.register(m.Organization)
class OrganizationAdmin(DistrictScopedAdmin):
    list_display = ("name", "district", "email")
    search_fields = ("name",)


@admin.register(m.Location)
class LocationAdmin(DistrictScopedAdmin):
    list_display = ("name", "organization", "location_type")
    search_fields = ("name",)
    inlines = [AddressInline]


@admin.register(m.Course)
class CourseAdmin(DistrictScopedAdmin):
    list_display = ("service", "course_type", "level", "start_date", "end_date", "free_seats", "childcare",
                    "women_only")
    list_filter = ("course_type", "level", "childcare", "women_only")
    date_hierarchy = "start_date"


class IntegrationManagerForm(forms.ModelForm):
    """A manager, with the languages they speak as checkboxes (German names); new tickets follow them."""

    languages = forms.MultipleChoiceField(
        label="Sprachen", required=False, widget=forms.CheckboxSelectMultiple,
        help_text="Die Sprachen, in denen die Person berät. Tickets in diesen Sprachen gehen bevorzugt an sie; "
                  "sonst zeigt das Ticket „Dolmetscher nötig“. Deutsch spricht jede/r.")

    class Meta:
        model = m.IntegrationManager
        fields = "__all__"

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        german = Locale("de").languages
        codes = [lang.code for lang in registry()] + list(self.instance.languages or [])
        self.fields["languages"].choices = [(code, german.get(code, code)) for code in dict.fromkeys(codes)]


@admin.register(m.IntegrationManager)
class IntegrationManagerAdmin(DistrictScopedAdmin):
    form = IntegrationManagerForm
    list_display = ("name", "district", "email", "active")
    filter_horizontal = ("municipalities",)
    inlines = [AvailabilityInline]


@admin.register(m.Appointment)
class AppointmentAdmin(DistrictScopedAdmin):
    list_display = ("manager", "start", "status", "purpose", "language", "calendar_file")
    list_filter = ("status",)
    readonly_fields = ("created",)
    exclude = ("client_ref",)  # editors never see the client's pseudonym (it names the Rasa conversation)

    def get_urls(self):  # type: ignore[no-untyped-def]
        """The admin's URLs plus ``<id>/ics/``, the appointment as a calendar file."""
        extra = [path("<path:object_id>/ics/", self.admin_site.admin_view(self.download_ics),
                      name="directory_appointment_ics")]
        return extra + super().get_urls()

    def download_ics(self, request, object_id):  # type: ignore[no-untyped-def]
        """The .ics file for the manager's calendar (404 outside the editor's district)."""
        appointment = self.get_object(request, object_id)
        if appointment is None or not self.has_view_permission(request, appointment):
            raise Http404
        response = HttpResponse(ics_for(appointment.pk), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="termin-{appointment.pk}.ics"'
        return response

    @admin.display(description="Kalender")
    def calendar_file(self, appointment):  # type: ignore[no-untyped-def]
        """A link to the appointment's .ics file."""
        return format_html('<a href="{}">.ics</a>', reverse("admin:directory_appointment_ics", args=[appointment.pk]))


@admin.register(m.Closure)
class ClosureAdmin(DistrictScopedAdmin):
    list_display = ("__str__", "service", "location")


@admin.register(m.Municipality)
class MunicipalityAdmin(DistrictScopedAdmin):
    list_display = ("name", "district", "kind")
    search_fields = ("name",)


@admin.register(m.District)
class DistrictAdmin(DistrictScopedAdmin):
    list_display = ("name", "kind")


@admin.register(m.Editor)
class EditorAdmin(DistrictScopedAdmin):
    list_display = ("user", "district")


@admin.register(m.AlwaysHumanTopic)
class AlwaysHumanTopicAdmin(admin.ModelAdmin):
    """Statewide list: messages naming one of these topics go to a person, never to the bot's answers."""

    list_display = ("label", "key", "active")
    list_filter = ("active",)
