"""Lotse: a multilingual assistant for refugees in Baden-Württemberg."""

import os

__version__ = "0.1.0"

# Rasa sends usage telemetry and, with it, error reports to Rasa's Sentry unless this is false.
# Clients' conversations must not leave the machine, so every process (and the Rasa processes and
# `rasa train` runs they start, which inherit the environment) has it off unless set otherwise.
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
