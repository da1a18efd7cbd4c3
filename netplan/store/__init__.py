"""The one door to netplan's data: the TinyDB store, its file, schema, backups and checks.

Screens, commands and importers use `Store` (built by `open_store`); nothing outside this
package opens the store file or calls TinyDB. This package imports nothing from
`netplan.domain`, and nothing here imports Textual.
"""

from .database import Store, open_store
from .packed_table import pack as compact_json
from .storage import StoreDamaged, StoreError, StoreWriteError

__all__ = ["Store", "StoreDamaged", "StoreError", "StoreWriteError", "compact_json",
           "open_store"]
