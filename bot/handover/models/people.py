"""Who works in the inbox (users linked to a district and manager) and which client belongs to whom."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class InboxUser(models.Model):
    """Links a login to the inbox of one district, usually as one of its integration managers.

    Without ``manager`` the user coordinates the district: they see all its tickets.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inbox_user")
    manager = models.OneToOneField("directory.IntegrationManager", on_delete=models.CASCADE, null=True, blank=True,
                                   related_name="inbox_user")
    district = models.ForeignKey("directory.District", on_delete=models.CASCADE, related_name="inbox_users")

    class Meta:
        verbose_name = "Posteingang-Zugang"
        verbose_name_plural = "Posteingang-Zugänge"

    def __str__(self) -> str:
        return f"{self.user} ({self.manager or self.district})"

    def clean(self) -> None:
        """A manager's login belongs to the manager's district."""
        from django.core.exceptions import ValidationError

        if self.manager_id and self.district_id and self.manager.district_id != self.district_id:
            raise ValidationError({"district": "Der Kreis muss der Kreis der Integrationsmanagerin sein."})


class ClientBinding(models.Model):
    """A client bound to their own integration manager (personal code or link, e.g. Telegram /start)."""

    client_ref = models.CharField(max_length=100, unique=True, help_text="pseudonym, never a name or number")
    manager = models.ForeignKey("directory.IntegrationManager", on_delete=models.CASCADE, related_name="bindings")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "Zuordnung"
        verbose_name_plural = "Zuordnungen"

    def __str__(self) -> str:
        return f"{self.client_ref[:12]}… → {self.manager}"
