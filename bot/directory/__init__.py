"""The local service directory: HSDS 3.0 tables plus Lotse's courses, managers and appointments.

Django app ``directory``. Callers outside Django (the Rasa actions) use
:mod:`bot.directory.queries`, which returns plain dataclasses. Pure helpers
(holidays, opening hours, slots, iCalendar) import without Django.
"""
