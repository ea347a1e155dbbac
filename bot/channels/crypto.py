"""Encryption of what is needed to reply (chat ids, phone numbers), and signed manager codes.

The keys are derived with HKDF from ``LOTSE_CHANNEL_KEY`` or, when it is unset, from
``LOTSE_SECRET_KEY``; each use gets its own key (HKDF ``info``).

>>> import os; os.environ.setdefault("LOTSE_SECRET_KEY", "doctest")  # doctest: +ELLIPSIS
'...'
>>> decrypt(encrypt("+4915112345678")) == "+4915112345678"
True
>>> encrypt("42") != encrypt("42")  # random IV: equal values do not look equal in the database
True
"""

from __future__ import annotations

import base64
import hmac
import os
from hashlib import sha256

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

#: HKDF ``info`` of the key that encrypts addresses.
ADDRESS_KEY_INFO = b"lotse channels address v1"
#: HKDF ``info`` of the key that signs manager codes.
CODE_KEY_INFO = b"lotse channels manager code v1"


class MissingChannelKey(RuntimeError):
    """Neither LOTSE_CHANNEL_KEY nor LOTSE_SECRET_KEY is set."""


class UndecryptableAddress(ValueError):
    """A stored address cannot be decrypted (the key changed)."""


def derive_key(info: bytes) -> bytes:
    """32 bytes derived from the configured channel key for the purpose ``info``."""
    secret = os.environ.get("LOTSE_CHANNEL_KEY") or os.environ.get("LOTSE_SECRET_KEY")
    if not secret:
        raise MissingChannelKey("set LOTSE_CHANNEL_KEY or LOTSE_SECRET_KEY")
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(secret.encode())


def _fernet() -> Fernet:
    return Fernet(base64.urlsafe_b64encode(derive_key(ADDRESS_KEY_INFO)))


def encrypt(value: str) -> str:
    """``value`` encrypted and authenticated (Fernet), as text."""
    return _fernet().encrypt(value.encode()).decode("ascii")


def decrypt(token: str) -> str:
    """The value :func:`encrypt` encrypted; raises :class:`UndecryptableAddress`."""
    try:
        return _fernet().decrypt(token.encode("ascii")).decode()
    except (InvalidToken, ValueError) as error:
        raise UndecryptableAddress("stored address cannot be decrypted") from error


def sign(message: str, length: int = 10) -> str:
    """A short hex HMAC-SHA256 of ``message`` with the code key."""
    return hmac.new(derive_key(CODE_KEY_INFO), message.encode(), sha256).hexdigest()[:length]
