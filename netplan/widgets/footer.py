"""Textual's Footer, rebuilt only when the keys it shows have changed.

Textual's Footer recomposes (drops and rebuilds every FooterKey, restyling each)
on every bindings refresh, and a section switch publishes three or four of them.
Profiling `bench/` showed that churn was most of the cost of switching sections
(about 150 ms of a 200 ms switch on the shared 2-core machine). Here the
refreshes are coalesced into one, and skipped when the keys are the same.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer as TextualFooter


class Footer(TextualFooter):
    _shown: tuple | None = None
    _pending = False

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._pending:
            self._pending = True
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        self._pending = False
        if not self.is_attached:
            return
        shown = self._keys_shown()
        if shown != self._shown:
            await self.recompose()

    def compose(self):
        self._shown = self._keys_shown() if self._bindings_ready else None
        yield from super().compose()

    def _keys_shown(self) -> tuple:
        """What compose() would draw: each shown binding, whether it is enabled, its tooltip."""
        return (self.show_command_palette, self.compact, *(
            (b.key, b.description, b.action, enabled, tooltip, id(b.group) if b.group else None)
            for _, b, enabled, tooltip in self.screen.active_bindings.values() if b.show))
