"""Doctest collection imports the bot's Django modules (models, forms, views): configure Django first."""

import os

import django

import tests.conftest  # noqa: F401 - the test environment (secrets, settings module)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bot.web.settings")
django.setup()
