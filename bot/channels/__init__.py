"""Telegram and WhatsApp: channel adapters in front of the one assistant path.

An adapter turns a platform update into an :class:`~bot.channels.inbound.Inbound`,
:mod:`bot.channels.conversation` answers it (through Rasa's REST channel, see
:mod:`bot.channels.assistant`) and the adapter's sender delivers the replies through the durable
:mod:`bot.channels.outbox`. What is needed to reply (a chat id, a phone number) is stored encrypted
(:mod:`bot.channels.recipients`); everything else only knows the pseudonymous ``client_ref``.
"""
