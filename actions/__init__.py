"""Lotse's custom actions for the rasa-sdk action server, one module per topic."""
