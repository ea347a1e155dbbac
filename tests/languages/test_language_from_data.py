"""Adding a language is data, not code: a thirteenth language in a temporary copy of ``locales/``
(a ``languages.yml`` entry and a catalog) is listed, identified, formatted and answered in, with no code
changed."""

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import yaml
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[2]

ITALIAN = {"code": "it", "endonym": "Italiano", "script": "Latn", "direction": "ltr", "status": "required",
           "names": ["italiano", "italian", "italienisch"], "bot_words": ["bot", "lotse"],
           "function_words": ["il", "della", "dove", "posso", "sono", "grazie", "per", "che", "un", "di", "ho"],
           "marker_letters": "ò"}

#: Run in a fresh process, so that nothing cached from the real twelve languages is reused.
CHECK = textwrap.dedent("""
    import json
    from bot.i18n.formatting import format_value
    from bot.languages import registry
    from bot.languages.identification import LanguageIdentifier
    from bot.nlg.renderer import render

    languages = registry()
    tracker = {"slots": {"language": "it"}, "latest_message": {}, "events": [{"event": "bot"}]}
    print(json.dumps({
        "codes": languages.codes, "required": languages.required_codes, "endonym": languages["it"].endonym,
        "greeting": render("utter_greet", {}, tracker)["text"],
        "date": format_value("2027-03-01T09:30:00+01:00", "it", "when_datetime"),
        "identified": LanguageIdentifier(languages).identify("ciao, dove posso trovare un corso di tedesco?").language,
    }))
""")


def test_a_thirteenth_language_needs_only_data(tmp_path):
    locales = tmp_path / "locales"
    shutil.copytree(ROOT / "locales", locales, ignore=shutil.ignore_patterns("*.mo"))
    registry_file = locales / "languages.yml"
    data = yaml.safe_load(registry_file.read_text(encoding="utf-8"))
    data["languages"].append(ITALIAN)
    registry_file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")

    with (locales / "en" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle, locale="it")
    for message in catalog:
        if message.context == "utter_greet":
            message.string = "Ciao! Come posso aiutarLa?"
    (locales / "it" / "LC_MESSAGES").mkdir(parents=True)
    with (locales / "it" / "LC_MESSAGES" / "messages.po").open("wb") as handle:
        write_po(handle, catalog)

    result = subprocess.run([sys.executable, "-c", CHECK], cwd=ROOT, capture_output=True, text=True, timeout=300,
                            env={**os.environ, "LOTSE_LOCALES_DIR": str(locales)})
    assert result.returncode == 0, result.stderr[-3000:]
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert len(found["codes"]) == 13 and "it" in found["required"] and found["endonym"] == "Italiano"
    assert "Ciao! Come posso aiutarLa?" in found["greeting"]
    assert "marzo" in found["date"], found
    assert found["identified"] == "it", found
