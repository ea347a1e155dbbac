"""Lotse's custom actions for the rasa-sdk action server, one module per topic.

The actions call the data services (:mod:`bot.directory.queries`, :mod:`bot.handover.tickets`,
:mod:`bot.content.gaps`) directly; they are Django code, so Django is set up here, before any
action module imports them.
"""

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bot.web.settings")
django.setup()
