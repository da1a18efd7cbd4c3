"""Data in and out (SPEC §6): LinkedIn (its whole export), contacts CSV (Google,
Outlook, any with a column map), vCard and YAML/JSON imports; vCard, iCalendar,
YAML/JSON and CSV exports. Plain modules over plain data: no Textual here.

Every import is two steps: `parse_*` reads a file into a `Parsed` value (pure, slow
work that may run in a worker thread) and `apply_import` plans it against the store
and writes it in one transaction (see `result.py`).
"""

from __future__ import annotations

IMPORT_KINDS = ("linkedin", "csv", "vcard", "yaml")
EXPORT_FORMATS = ("json", "yaml", "csv", "vcard", "ics")
FOLDER_FORMATS = ("vcard",)  # written as a folder of files, never to stdout
