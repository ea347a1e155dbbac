"""Doctest collection imports the channels' Django modules: configure Django first."""

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bot.web.settings")
django.setup()
