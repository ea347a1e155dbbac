"""The sample directory is unmistakably fictional: invented streets, numbers reserved for fiction, example.org."""

import csv
import re

from bot.directory.sample import PACKAGE

#: Every invented street name contains one of these words.
FICTIONAL = re.compile(r"Muster|Beispiel|Probe|Erfunden|Fantasie")
#: The Bundesnetzagentur's range for film and fiction.
FICTION_PHONES = re.compile(r"^030 23125 \d{3}$")


def rows(name):
    with (PACKAGE / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_every_street_of_the_sample_is_invented():
    streets = [row["address_1"] for row in rows("addresses.csv")]
    streets += [row["office_address"].split(",")[0] for row in rows("lotse_managers.csv")]
    assert streets and [s for s in streets if not FICTIONAL.search(s)] == []


def test_every_phone_number_is_reserved_for_fiction_and_every_address_is_example_org():
    numbers = [row["number"] for row in rows("phones.csv")] + [row["phone"] for row in rows("lotse_managers.csv")]
    assert numbers and [n for n in numbers if not FICTION_PHONES.match(n)] == []
    mails = [row["email"] for row in rows("services.csv") if row["email"]] + [r["email"] for r in rows("lotse_managers.csv")]
    assert mails and all(m.endswith("@example.org") for m in mails)
