"""Where the project's data lives, overridable by environment variables.

All paths default to the project checkout, so ``make run`` works without
configuration; deployments point them elsewhere.
"""

from __future__ import annotations

import os
from pathlib import Path

#: The project checkout (the folder holding domain.yml).
PROJECT_ROOT = Path(os.environ.get("LOTSE_PROJECT_ROOT", Path(__file__).resolve().parent.parent))


def project_path(env_var: str, default: str) -> Path:
    """Return the path named by ``env_var``, else ``default`` below the project root."""
    value = os.environ.get(env_var)
    return Path(value) if value else PROJECT_ROOT / default


def locales_dir() -> Path:
    """The gettext catalogs and the language registry (``locales/``)."""
    return project_path("LOTSE_LOCALES_DIR", "locales")


def gazetteer_dir() -> Path:
    """The gazetteer data files (``gazetteer/``)."""
    return project_path("LOTSE_GAZETTEER_DIR", "gazetteer")


def faq_content_file() -> Path:
    """The FAQ entries' metadata and longer texts that seed the content database (``content/faq.yml``)."""
    return project_path("LOTSE_FAQ_CONTENT", "content/faq.yml")


def domain_file() -> Path:
    """The Rasa domain, whose responses are the German source texts."""
    return project_path("LOTSE_DOMAIN", "domain.yml")


def var_dir() -> Path:
    """Runtime state: databases, logs, the local .env (``var/``)."""
    return project_path("LOTSE_VAR_DIR", "var")


def encoder_cache() -> Path:
    """The file cache of the sentence encoder's training embeddings (``var/encoder-cache.sqlite3``): a
    retraining embeds only new examples. Shared by every process and test stack that trains."""
    value = os.environ.get("LOTSE_ENCODER_CACHE")
    return Path(value) if value else var_dir() / "encoder-cache.sqlite3"


def models_dir() -> Path:
    """Trained Rasa models (``models/``)."""
    return project_path("LOTSE_MODELS_DIR", "models")


def tracker_db() -> Path:
    """Rasa's SQLite tracker store (the conversations), ``LOTSE_TRACKER_DB``."""
    return Path(os.environ.get("LOTSE_TRACKER_DB") or var_dir() / "tracker.sqlite3")


def gazetteer_overlay_dir() -> Path:
    """Gazetteer data written from the directory (municipalities edited in the admin)."""
    return var_dir() / "gazetteer"
