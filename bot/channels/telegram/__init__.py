"""Telegram (python-telegram-bot): updates by long polling or webhook, replies through the outbox."""
