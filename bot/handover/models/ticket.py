"""Tickets for integration managers, their internal notes and the replies sent to the client."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from bot.handover import constants as c


class Ticket(models.Model):
    """One handover: what the client needs, in German, for the integration manager who takes it.

    ``assignee`` None means the district's pool; ``district`` None as well means the statewide pool.
    """

    reference = models.CharField(max_length=12, unique=True, help_text="short reference, e.g. T-7K3Q")
    client_ref = models.CharField(max_length=100, db_index=True, help_text="pseudonym, never a name or number")
    channel = models.CharField(max_length=20, choices=list(c.CHANNELS.items()))
    language = models.CharField(max_length=10, help_text="the client's language code")
    municipality = models.ForeignKey("directory.Municipality", on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="tickets")
    #: The place as the directory names it (also kept when it is a district or not in the directory).
    municipality_name = models.CharField(max_length=100, blank=True, default="")
    district = models.ForeignKey("directory.District", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="tickets")
    intent = models.CharField(max_length=100)
    entities = models.JSONField(default=dict, blank=True)
    urgency = models.CharField(max_length=10, choices=list(c.URGENCIES.items()), default=c.NORMAL)
    #: The structured German summary (see bot.handover.summary) and its rendering as one text.
    summary = models.JSONField(default=dict, blank=True)
    summary_text = models.TextField(blank=True, default="")
    consent = models.BooleanField(default=False, help_text="the client agreed to pass on the conversation")
    #: [{"sender": "client"|"bot", "text": ..., "time": ISO 8601}], only with consent.
    transcript = models.JSONField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=list(c.STATUSES.items()), default=c.NEW, db_index=True)
    assignee = models.ForeignKey("directory.IntegrationManager", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="tickets")
    created = models.DateTimeField(auto_now_add=True, db_index=True)
    updated = models.DateTimeField(auto_now=True)
    first_response = models.DateTimeField(null=True, blank=True)
    #: When the client was told to expect an answer (see bot.handover.reply_time); overdue after it.
    reply_by = models.DateTimeField(null=True, blank=True, db_index=True)
    #: When the ticket was last set to resolved (None while it is open).
    resolved_at = models.DateTimeField(null=True, blank=True)
    #: When the e-mail notification went out (None: not yet, retried by ``lotse handover retry``).
    notified_at = models.DateTimeField(null=True, blank=True)
    #: Since when the client writes live with a manager (Rasa's conversation paused); None: the bot answers.
    live_since = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = "Ticket"
        verbose_name_plural = "Tickets"
        constraints = [
            models.CheckConstraint(condition=models.Q(consent=True) | models.Q(transcript__isnull=True),
                                   name="ticket_transcript_only_with_consent"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def urgent(self) -> bool:
        """Whether the ticket is urgent."""
        return self.urgency == c.URGENT

    @property
    def is_live(self) -> bool:
        """Whether the client writes live with a manager and the bot is silent."""
        return self.live_since is not None

    @property
    def handled_at(self):  # type: ignore[no-untyped-def]
        """When the client first got an answer or the ticket was resolved, whichever came first (or None)."""
        moments = [m for m in (self.first_response, self.resolved_at if self.status == c.RESOLVED else None) if m]
        return min(moments) if moments else None

    def is_overdue(self, now) -> bool:  # type: ignore[no-untyped-def]
        """Whether the promised reply time has passed without an answer or resolution."""
        return self.reply_by is not None and self.handled_at is None and self.reply_by < now

    @property
    def is_pool(self) -> bool:
        """Whether nobody has taken the ticket yet."""
        return self.assignee_id is None


class TicketNote(models.Model):
    """An internal note on a ticket: seen by integration managers only, never sent to the client."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+")
    text = models.TextField()
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created"]
        verbose_name = "Notiz"
        verbose_name_plural = "Notizen"

    def __str__(self) -> str:
        return f"{self.ticket} Notiz {self.pk}"


class TicketMessage(models.Model):
    """A reply of an integration manager to the client, delivered on the ticket's channel."""

    ticket = models.ForeignKey(Ticket, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+")
    text = models.TextField()
    language = models.CharField(max_length=10)
    created = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=list(c.DELIVERY_STATUSES.items()), default=c.QUEUED,
                              db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    #: The class of the last delivery error (never the message or the client).
    last_error = models.CharField(max_length=100, blank=True, default="")

    class Meta:
        ordering = ["created"]
        verbose_name = "Antwort"
        verbose_name_plural = "Antworten"

    def __str__(self) -> str:
        return f"{self.ticket} Antwort {self.pk} ({self.status})"
