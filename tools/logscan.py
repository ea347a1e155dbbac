"""Search the logs of a stack for traces of what clients wrote or who they are.

Rasa logs JSON lines, and JSON escapes non-ASCII text (``"\\u0448\\u0443\\u043a\\u0430\\u044e"``), so a
search of the raw file for Cyrillic, Arabic or Ethiopic text can never find it. :func:`log_text`
adds to every line the decoded value of each JSON string literal in it, so that a search finds the
text however it was written; :func:`traces` says which needles a log directory holds.

>>> decoded_strings('x {"text": "\\\\u0448\\\\u0443\\\\u043a"} "a\\\\"b"')
['text', 'шук', 'a"b']
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Dict, Iterable, List

#: A JSON string literal.
STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
#: Pseudonymous client ids (bot.privacy.pseudonym).
CLIENT_ID = re.compile(r"\b(?:web|telegram|whatsapp)-[0-9a-f]{32}\b")


def decoded_strings(line: str) -> List[str]:
    """The decoded values of the JSON string literals in ``line``."""
    values = []
    for literal in STRING.findall(line):
        try:
            values.append(json.loads(literal))
        except ValueError:
            continue
    return values


def log_text(path: Path) -> str:
    """The file's text, each line followed by the decoded JSON strings in it."""
    lines = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        lines.append(line)
        lines.extend(decoded_strings(line))
    return "\n".join(lines)


def traces(log_dir: Path, needles: Iterable[str], client_ids: bool = True) -> Dict[str, List[str]]:
    """``{log file name: [needles found]}`` for the ``*.log`` files of ``log_dir``; with ``client_ids``,
    any pseudonymous client id counts as found too."""
    found: Dict[str, List[str]] = {}
    wanted = [needle for needle in needles if needle]
    for path in sorted(log_dir.glob("*.log")):
        text = log_text(path)
        hits = [needle for needle in wanted if needle in text]
        if client_ids:
            hits += sorted(set(CLIENT_ID.findall(text)))
        if hits:
            found[path.name] = hits
    return found
