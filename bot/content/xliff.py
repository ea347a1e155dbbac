"""XLIFF 1.2 for translators' tools: writing and reading the units of :mod:`bot.content.exchange`.

One ``<file>`` per language (``source-language="de"``), one ``<trans-unit>`` per unit with its id,
the German ``<source>``, the ``<target>`` with a state, and ``<note>`` elements carrying the
topic and the versions at export. A document type declaration is refused (no entity tricks).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import List, Optional

from bot.content.constants import SOURCE_LANGUAGE
from bot.content.exchange import MalformedFile, Unit, parse_versions

#: The XLIFF 1.2 namespace.
NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"
VERSION = "1.2"
#: ``xml:space`` and ``xml:lang``.
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
#: Target states: a translation still to look at, one without text, and a native speaker's.
NEEDS_REVIEW = "needs-review-translation"
NEEDS_TRANSLATION = "needs-translation"
FINAL = "final"
#: States after which a translator has not finished the unit (read as "fuzzy").
UNFINISHED_STATES = ("new", NEEDS_TRANSLATION, "needs-adaptation", "needs-l10n", NEEDS_REVIEW,
                     "needs-review-adaptation", "needs-review-l10n")
#: Who wrote a note: Lotse's own notes carry ``from="lotse"``.
NOTE_AUTHOR = "lotse"


def _tag(name: str) -> str:
    """A tag name in the XLIFF namespace.

    >>> _tag("trans-unit")
    '{urn:oasis:names:tc:xliff:document:1.2}trans-unit'
    """
    return f"{{{NAMESPACE}}}{name}"


def target_state(unit: Unit) -> str:
    """The XLIFF state of a unit's target."""
    if not unit.target:
        return NEEDS_TRANSLATION
    return NEEDS_REVIEW if unit.fuzzy else FINAL


def write_xliff(units: List[Unit], language: str) -> bytes:
    """The units as an XLIFF 1.2 document, UTF-8."""
    ET.register_namespace("", NAMESPACE)
    root = ET.Element(_tag("xliff"), {"version": VERSION})
    file_element = ET.SubElement(root, _tag("file"), {
        "original": "lotse-faq", "datatype": "plaintext", "source-language": SOURCE_LANGUAGE,
        "target-language": language})
    body = ET.SubElement(file_element, _tag("body"))
    for unit in units:
        element = ET.SubElement(body, _tag("trans-unit"), {"id": unit.id, "resname": unit.id, XML_SPACE: "preserve"})
        ET.SubElement(element, _tag("source"), {XML_LANG: SOURCE_LANGUAGE}).text = unit.source
        ET.SubElement(element, _tag("target"), {XML_LANG: language, "state": target_state(unit)}).text = unit.target
        for comment in unit.comments:
            ET.SubElement(element, _tag("note"), {"from": NOTE_AUTHOR}).text = comment
        if unit.previous_source:
            ET.SubElement(element, _tag("note"), {"from": NOTE_AUTHOR}).text = \
                f"Früherer deutscher Text / previous German text:\n{unit.previous_source}"
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def read_xliff(data: bytes) -> List[Unit]:
    """The units of an XLIFF 1.2 document; raises MalformedFile for anything else."""
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise MalformedFile("XLIFF mit Dokumenttyp-Deklaration wird nicht gelesen")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as error:
        raise MalformedFile(f"kein wohlgeformtes XML ({error})") from error
    if root.tag != _tag("xliff") or root.get("version") != VERSION:
        raise MalformedFile(f"kein XLIFF {VERSION} (Wurzel {root.tag}, Version {root.get('version')})")
    units = []
    for file_element in root.iter(_tag("file")):
        language = (file_element.get("target-language") or "").strip()
        if not language:
            raise MalformedFile("ein <file> nennt keine target-language")
        units.extend(_unit(element, language) for element in file_element.iter(_tag("trans-unit")))
    return units


def _unit(element: ET.Element, language: str) -> Unit:
    """One ``<trans-unit>`` as a Unit."""
    source = _text(element.find(_tag("source")))
    target_element = element.find(_tag("target"))
    state = target_element.get("state", "") if target_element is not None else ""
    notes = [_text(note) for note in element.findall(_tag("note"))]
    source_version, target_version = parse_versions(notes)
    return Unit(id=element.get("id") or element.get("resname") or "", language=language, source=source or "",
                target=_text(target_element) or "", fuzzy=state in UNFINISHED_STATES,
                source_version=source_version, target_version=target_version)


def _text(element: Optional[ET.Element]) -> Optional[str]:
    """All text inside an element (inline markup dropped), or None when there is no element."""
    return None if element is None else "".join(element.itertext())
