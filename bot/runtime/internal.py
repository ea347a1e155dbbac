"""The shared secret of Lotse's internal calls: the relay → Rasa's REST channel, Rasa → the action
server and Rasa → ``/nlg``.

Each of these endpoints acts for whatever sender id a request names, so each refuses a request
without the header :data:`HEADER` equal to ``LOTSE_INTERNAL_SECRET`` (generated into ``.env`` like
the other secrets). Without a configured secret every internal request is refused: the check fails
closed. Rasa sends the header from ``endpoints.yml`` (``headers`` of ``action_endpoint`` and ``nlg``).

>>> import os; os.environ["LOTSE_INTERNAL_SECRET"] = "doctest-secret"
>>> authentic(headers()[HEADER]), authentic("wrong"), authentic("")
(True, False, False)
"""

from __future__ import annotations

import hmac
import os
from typing import Dict, Optional

#: The header that carries the secret.
HEADER = "X-Lotse-Internal"
#: The environment variable that holds it.
VARIABLE = "LOTSE_INTERNAL_SECRET"


class MissingInternalSecret(RuntimeError):
    """``LOTSE_INTERNAL_SECRET`` is not set (``lotse run`` writes one into ``.env``)."""


def secret() -> str:
    """The configured secret; raises :class:`MissingInternalSecret` when there is none."""
    value = os.environ.get(VARIABLE, "")
    if not value:
        raise MissingInternalSecret(f"set {VARIABLE} (lotse run writes one into .env)")
    return value


def headers() -> Dict[str, str]:
    """The header to send with an internal request."""
    return {HEADER: secret()}


def authentic(given: Optional[str]) -> bool:
    """Whether ``given`` (the request's header value) is the configured secret; never true without one."""
    expected = os.environ.get(VARIABLE, "")
    return bool(expected) and bool(given) and hmac.compare_digest(str(given).encode(), expected.encode())
