"""Names defined once: ticket statuses, urgencies, senders, delivery statuses, audit actions, channels."""

from __future__ import annotations

from typing import Final

#: Ticket statuses, with their German label for the inbox.
NEW: Final = "new"
IN_PROGRESS: Final = "in_progress"
WAITING_FOR_CLIENT: Final = "waiting_for_client"
RESOLVED: Final = "resolved"
STATUSES: Final = {NEW: "Neu", IN_PROGRESS: "In Bearbeitung", WAITING_FOR_CLIENT: "Wartet auf Rückmeldung",
                   RESOLVED: "Erledigt"}
#: Statuses that count towards a manager's open caseload.
OPEN_STATUSES: Final = (NEW, IN_PROGRESS, WAITING_FOR_CLIENT)

#: Urgencies.
NORMAL: Final = "normal"
URGENT: Final = "urgent"
URGENCIES: Final = {NORMAL: "Normal", URGENT: "Dringend"}

#: Who wrote a transcript line.
CLIENT: Final = "client"
BOT: Final = "bot"
SENDERS: Final = (CLIENT, BOT)

#: Delivery statuses of a manager's reply.
QUEUED: Final = "queued"
SENT: Final = "sent"
DELIVERED: Final = "delivered"
READ: Final = "read"
FAILED: Final = "failed"
DELIVERY_STATUSES: Final = {QUEUED: "In Warteschlange", SENT: "Gesendet", DELIVERED: "Zugestellt", READ: "Gelesen",
                            FAILED: "Fehlgeschlagen"}

#: Channels a client can write on.
WEB: Final = "web"
TELEGRAM: Final = "telegram"
WHATSAPP: Final = "whatsapp"
CHANNELS: Final = {WEB: "Web-Chat", TELEGRAM: "Telegram", WHATSAPP: "WhatsApp"}

#: Audit log actions, with their German label.
VIEWED: Final = "viewed"
CLAIMED: Final = "claimed"
ASSIGNED: Final = "assigned"
STATUS_CHANGED: Final = "status_changed"
NOTE_ADDED: Final = "note_added"
REPLIED: Final = "replied"
LIVE_STARTED: Final = "live_started"
LIVE_ENDED: Final = "live_ended"
AUDIT_ACTIONS: Final = {VIEWED: "angesehen", CLAIMED: "übernommen", ASSIGNED: "zugewiesen",
                        STATUS_CHANGED: "Status geändert", NOTE_ADDED: "Notiz hinzugefügt",
                        REPLIED: "Antwort gesendet", LIVE_STARTED: "Live-Gespräch gestartet",
                        LIVE_ENDED: "Live-Gespräch beendet"}

#: Longest reply or note the inbox accepts (Telegram's message limit).
MAX_TEXT_LENGTH: Final = 4096
#: Letters of ticket references: no 0/O, 1/I/L, so they can be read out on the phone.
REFERENCE_ALPHABET: Final = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
REFERENCE_LENGTH: Final = 4
