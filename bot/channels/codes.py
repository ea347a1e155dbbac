"""Manager codes: a short signed code that binds a client to their integration manager.

A manager hands out ``https://t.me/<bot>?start=<code>``; ``/start <code>`` binds the client
(:func:`bot.handover.tickets.bind_client`). The code is the manager id and an HMAC of it
(key from LOTSE_CHANNEL_KEY), so it cannot be guessed for another manager; it only uses the
characters Telegram allows in a start parameter (``A-Za-z0-9_-``, at most 64).

>>> import os; os.environ.setdefault("LOTSE_SECRET_KEY", "doctest")  # doctest: +ELLIPSIS
'...'
>>> manager_for(manager_code(7))
7
>>> manager_for("m7_0000000000") is None, manager_for("hello") is None
(True, True)
"""

from __future__ import annotations

import hmac
import re
from typing import Optional

from bot.channels.crypto import sign

_CODE = re.compile(r"^m([1-9][0-9]{0,9})_([0-9a-f]{10})$")


def manager_code(manager_id: int) -> str:
    """The code that binds a client to manager ``manager_id``."""
    return f"m{manager_id}_{sign(f'manager:{manager_id}')}"


def manager_for(code: str) -> Optional[int]:
    """The manager id of a valid code; None for anything else."""
    match = _CODE.match(code.strip())
    if not match:
        return None
    manager_id = int(match.group(1))
    return manager_id if hmac.compare_digest(match.group(2), sign(f"manager:{manager_id}")) else None
