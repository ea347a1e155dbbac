"""Sample directory (Beispieldaten) for Stuttgart, Landkreis Esslingen and Landkreis Tübingen.

``source.yml`` is the editable source; ``package/`` is the HSDS data package built from it by
``python -m bot.directory.sample.build`` and loaded by ``lotse directory load-sample``.
"""

from pathlib import Path

#: The sample HSDS data package (CSV) with Lotse extension files.
PACKAGE = Path(__file__).resolve().parent / "package"
