"""Open Referral HSDS 3.0 exchange: validation, import and export of data packages (JSON and CSV).

A package is a folder. CSV form: ``datapackage.json`` plus one CSV per table (``organizations.csv``,
``services.csv``, …). JSON form: ``services.json`` (nested HSDS service objects) and optionally
``organizations.json``. Lotse's extensions travel beside them as ``lotse_<table>.csv`` or in
``lotse.json``; their schemas are ``schemas/lotse_*.json``.
"""
