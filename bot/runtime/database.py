"""The Django database every process shares: set up and migrated before first use."""

from __future__ import annotations

import os

from bot import paths


def migrate() -> None:
    """Set Django up and bring the database up to date; on a fresh checkout first create ``.env``'s secrets."""
    import django
    from django.core.management import call_command

    from bot.runtime import dotenv

    dotenv.load_dotenv(paths.PROJECT_ROOT / ".env", generate=True)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bot.web.settings")
    paths.var_dir().mkdir(parents=True, exist_ok=True)
    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
