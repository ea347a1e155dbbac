"""Runtime configuration from the environment, in one place.

Every setting has an embedded default that makes ``make run`` work on one
machine; see the README's "Configuration" table.
"""

from __future__ import annotations

import os


def env(name: str, default: str) -> str:
    """An environment variable, or ``default`` when unset or empty."""
    return os.environ.get(name) or default


def env_int(name: str, default: int) -> int:
    """An integer environment variable."""
    return int(env(name, str(default)))


HOST = env("LOTSE_HOST", "127.0.0.1")
RASA_PORT = env_int("LOTSE_RASA_PORT", 5005)
ACTIONS_PORT = env_int("LOTSE_ACTIONS_PORT", 5055)
WEB_PORT = env_int("LOTSE_WEB_PORT", 8000)
RASA_URL = env("LOTSE_RASA_URL", f"http://127.0.0.1:{RASA_PORT}")
#: Key of the keyed hash that turns client identifiers into pseudonyms.
PSEUDONYM_KEY = os.environ.get("LOTSE_PSEUDONYM_KEY", "")
#: Seconds the web chat waits for the assistant.
RASA_TIMEOUT = float(env("LOTSE_RASA_TIMEOUT", "30"))
#: Demo mode (``LOTSE_DEMO=1``, what `make run` uses): the invented sample directory is loaded at start.
DEMO = env("LOTSE_DEMO", "0") == "1"
#: Web chat messages accepted per minute from one browser session and from one client address.
CHAT_MESSAGES_PER_SESSION = env_int("LOTSE_CHAT_MESSAGES_PER_SESSION", 20)
CHAT_MESSAGES_PER_ADDRESS = env_int("LOTSE_CHAT_MESSAGES_PER_ADDRESS", 60)
#: Reverse proxies whose ``X-Forwarded-For`` names the client's address (default: a proxy on this host).
TRUSTED_PROXIES = frozenset(a.strip() for a in env("LOTSE_TRUSTED_PROXIES", "127.0.0.1,::1").split(",") if a.strip())
#: Four-eyes review (``LOTSE_FOUR_EYES=1``): a change of a German FAQ text is live only after a second person
#: (group ``reviewer:de`` or superuser, not the author) approved it; until then the chat shows the approved text.
FOUR_EYES = env("LOTSE_FOUR_EYES", "0") == "1"
