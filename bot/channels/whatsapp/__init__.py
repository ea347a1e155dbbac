"""WhatsApp Business Cloud API: signed webhook in, Graph API out, the 24-hour window respected."""
