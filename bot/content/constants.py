"""Names of the content app: review states, gap reasons, publication stages, roles."""

from typing import Optional

from django.db import models

#: The language every FAQ entry is written in first; translations follow it.
SOURCE_LANGUAGE = "de"
#: Django group whose members edit FAQ answers and example questions in the web editor.
EDITOR_GROUP = "editor"
#: Prefix of the FAQ responses in the domain (``utter_faq/<key>``), answered from the database.
FAQ_RESPONSE_PREFIX = "utter_faq/"
#: Prefix of the FAQ intents in the NLU data (``faq/<key>``), trained from the example questions.
FAQ_INTENT_PREFIX = "faq/"


def faq_key(name: str, prefix: str = FAQ_RESPONSE_PREFIX) -> Optional[str]:
    """The FAQ key of a response name (or, with ``FAQ_INTENT_PREFIX``, an intent or gap topic); None for others.

    >>> faq_key("utter_faq/dff"), faq_key("utter_greet"), faq_key("faq/wohngeld", FAQ_INTENT_PREFIX)
    ('dff', None, 'wohngeld')
    """
    return name[len(prefix):] if name.startswith(prefix) and len(name) > len(prefix) else None


#: Prefix of the Django groups whose members may mark texts of one language reviewed (``reviewer:ar``).
REVIEWER_GROUP_PREFIX = "reviewer:"
#: Permission the reviewer groups carry (``app_label.codename``).
REVIEW_PERMISSION = "content.review_faqtext"

#: Revision notes (staff UI, German).
#: Note on a translation that became outdated because the German source changed.
NOTE_SOURCE_CHANGED = "Deutscher Text geändert"
#: Note on a revision that restores an older version (``{version}`` is its number).
NOTE_REVERTED = "Zurückgesetzt auf Version {version}"
#: Note on a revision that only marks the text reviewed.
NOTE_REVIEWED = "Als geprüft markiert"
#: Note on the first revision of the initial content (from domain.yml, the catalogs and nlu/).
NOTE_INITIAL = "Erstinhalt"


def reviewer_group(language: str) -> str:
    """The name of the group that reviews texts in ``language``.

    >>> reviewer_group("ar")
    'reviewer:ar'
    """
    return f"{REVIEWER_GROUP_PREFIX}{language}"


class ReviewState(models.TextChoices):
    """How far one language's text of an FAQ entry can be trusted."""

    #: No answer in this language yet; the bot falls back to English, then German.
    MISSING = "missing", "fehlt"
    #: Written (by a developer, an editor or a machine) without a native speaker's review.
    UNREVIEWED = "unreviewed", "ungeprüft"
    #: Checked by a native speaker against the current German source.
    REVIEWED = "reviewed", "geprüft"
    #: The German source changed (not marked minor) after this translation was written.
    OUTDATED = "outdated", "veraltet"


class GapReason(models.TextChoices):
    """Why a client's message counts as a content gap."""

    #: The bot did not understand the message (NLU fallback).
    FALLBACK = "fallback", "nicht verstanden"
    #: The client said the answer did not help and asked for a person.
    UNHELPFUL = "unhelpful", "Antwort half nicht"
    #: A question in Lotse's domain that no FAQ entry answers.
    UNANSWERED = "unanswered", "keine Antwort vorhanden"


class PublicationStatus(models.TextChoices):
    """Stages of publishing new example questions as a retrained model."""

    QUEUED = "queued", "wartet"
    EXPORTING = "exporting", "Trainingsdaten werden erstellt"
    VALIDATING = "validating", "Trainingsdaten werden geprüft"
    TRAINING = "training", "Modell wird trainiert"
    EVALUATING = "evaluating", "Modell wird bewertet"
    ACTIVATING = "activating", "Modell wird aktiviert"
    ACTIVE = "active", "aktiv"
    REFUSED = "refused", "abgelehnt"
    FAILED = "failed", "fehlgeschlagen"


#: Stages after which a publication no longer changes.
FINISHED_STATUSES = (PublicationStatus.ACTIVE, PublicationStatus.REFUSED, PublicationStatus.FAILED)
