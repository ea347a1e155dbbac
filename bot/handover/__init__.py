"""Handover to a person: tickets for integration managers, their inbox, replies and notifications.

The Rasa actions call :mod:`bot.handover.tickets`; the inbox views live in ``bot.web.views.inbox``.
"""
