"""Admin for superusers: who may use the inbox (tickets themselves are worked on in the inbox).

Locked, not only hidden: every permission on inbox access (view, add, change, delete) is a
superuser's, whatever permissions a directory editor's account was given; an editor who could add
an inbox access would give themselves the tickets of a district.
"""

from __future__ import annotations

from django.contrib import admin

from bot.handover.models import InboxUser


@admin.register(InboxUser)
class InboxUserAdmin(admin.ModelAdmin):
    """Link a login to a district and, for integration managers, to their directory entry."""

    list_display = ("user", "manager", "district")
    list_filter = ("district",)

    def has_module_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        """Only superusers manage inbox access."""
        return bool(request.user.is_superuser)

    def has_view_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        """Only superusers manage inbox access."""
        return bool(request.user.is_superuser)

    def has_add_permission(self, request) -> bool:  # type: ignore[no-untyped-def]
        """Only superusers manage inbox access."""
        return bool(request.user.is_superuser)

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        """Only superusers manage inbox access."""
        return bool(request.user.is_superuser)

    def has_delete_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        """Only superusers manage inbox access."""
        return bool(request.user.is_superuser)
