"""Right-to-left text that embeds German names and addresses.

Messaging apps pick a paragraph's direction from its first strong character,
so every paragraph of an Arabic or Persian message starts with a
RIGHT-TO-LEFT MARK, and every run of Latin-script text (a German name, an
address, a phone number with words) is wrapped in FIRST STRONG ISOLATE …
POP DIRECTIONAL ISOLATE so it cannot reorder its surroundings.

>>> rtl_text("اذهب إلى Jobcenter Esslingen اليوم") == "\\u200fاذهب إلى \\u2068Jobcenter Esslingen\\u2069 اليوم"
True
>>> isolate("Hauptstraße 5") == "\\u2068Hauptstraße 5\\u2069"
True
"""

from __future__ import annotations

import re

RLM = "\u200f"
FSI = "\u2068"
PDI = "\u2069"

#: A run of Latin-script words, possibly joined by spaces, digits and light punctuation.
_LATIN_RUN = re.compile(r"[A-Za-zÀ-ɏḀ-ỿ][A-Za-zÀ-ɏḀ-ỿ0-9.,:/'’()\-–]*(?:\s+[A-Za-zÀ-ɏḀ-ỿ0-9][A-Za-zÀ-ɏḀ-ỿ0-9.,:/'’()\-–]*)*")


def isolate(text: str) -> str:
    """Wrap ``text`` in a first-strong isolate."""
    return f"{FSI}{text}{PDI}"


def _isolated_run(run: str) -> str:
    """Isolate a Latin run, leaving trailing punctuation and an unmatched ")" outside the isolate."""
    core = run.rstrip(".,:")
    while core.endswith(")") and core.count(")") > core.count("("):
        core = core[:-1].rstrip(".,:")
    return isolate(core) + run[len(core):]


def isolate_latin_runs(text: str) -> str:
    """Isolate every Latin-script run inside right-to-left text.

    >>> isolate_latin_runs("دورة (Integrationskurs)") == "دورة (\u2068Integrationskurs\u2069)"
    True
    """
    return _LATIN_RUN.sub(lambda m: _isolated_run(m.group(0)), text)


def rtl_text(text: str) -> str:
    """Prepare a right-to-left message: isolated Latin runs, each paragraph marked RTL."""
    return "\n".join(RLM + isolate_latin_runs(line) if line else line for line in text.split("\n"))
