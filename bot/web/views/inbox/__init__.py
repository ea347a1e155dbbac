"""The inbox of integration managers: login, ticket list, ticket view and the actions on a ticket.

Server-rendered German pages. Every ticket is looked up through
``bot.handover.scoping.visible_tickets``: another district's ticket is a 404 everywhere.
"""
