"""The store's one meta document: schema, creation time and the user's settings (a mixin of
`Store`)."""

from __future__ import annotations

from typing import Any

from .documents import META_ID, meta_document


class MetaDocument:
    """Store methods for the meta table's document."""

    _storage: Any

    def meta(self) -> dict[str, Any]:
        return dict(meta_document(self._storage.table("meta")) or {})

    def setting(self, key: str, default: Any = None) -> Any:
        """A user setting (kept in the meta document under "settings")."""
        return (self.meta().get("settings") or {}).get(key, default)

    def set_setting(self, key: str, value: Any) -> None:
        with self.transaction():
            meta = self.meta() or {"id": META_ID}
            self._note("meta", META_ID, dict(meta))
            meta["settings"] = {**(meta.get("settings") or {}), key: value}
            self._put_doc("meta", meta)

    def set_meta_created(self, created: str) -> None:
        """Restore the store's creation time (an import of a full export into an empty store)."""
        with self.transaction():
            meta = self.meta() or {"id": META_ID}
            self._note("meta", META_ID, dict(meta))
            meta["created"] = created
            self._put_doc("meta", meta)
