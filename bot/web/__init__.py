"""The web process (Django): the NLG endpoint Rasa calls and the web chat page."""
