"""RowList: a cursor over any number of one-line rows, drawn on demand (Textual's Line API).

A DataTable holds a copy of every cell and lays itself out again whenever rows come or
go, so refilling it on each keystroke of a filter cost ~50 ms a key, and it could only be
given a screenful or so of rows. A RowList holds only the rows' keys: a new set of rows
changes its virtual height and repaints it, and only the lines in view are rendered, each
by a function the owner gives (`render_row(key, width)`), cached until the rows change.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip

from ..compat import ViewportScrollView
from .literal import literal

RenderRow = Callable[[str, int], Text]


def columns(
    cells: Sequence[tuple[object, str]], widths: Sequence[int], *, gap: int = 2, indent: int = 1
) -> Text:
    """One row laid out in columns: each (text, style) cell shown literally (user data is
    never markup), cut with an ellipsis or padded to its column's width, `gap` spaces apart,
    after `indent` spaces. The row is sum(widths) + gap * (len(widths) - 1) + indent wide."""
    line = Text(" " * indent, no_wrap=True, overflow="ellipsis")
    for n, ((cell, style), width) in enumerate(zip(cells, widths, strict=True)):
        part = literal(cell, style)
        part.truncate(width, overflow="ellipsis", pad=True)
        if n:
            line.append(" " * gap)
        line.append_text(part)
    return line


class _RowMessage(Message):
    # Highlighted and Selected share this shape; neither derives from the other, because
    # @on(Highlighted) would then catch Selected too (handlers match the message's MRO).
    def __init__(self, row_list: RowList, key: str | None, index: int) -> None:
        super().__init__()
        self.row_list = row_list
        self.key = key
        self.index = index

    @property
    def control(self) -> RowList:
        return self.row_list


class RowList(ViewportScrollView, can_focus=True, inherit_bindings=False):
    """Rows identified by string keys, an optional header line that stays put, and a
    cursor (the highlighted row) moved with the arrow keys, page keys, home/end or a click.

    Posts `RowList.Highlighted` when the key under the cursor changes and
    `RowList.Selected` on enter (or a click on the highlighted row).
    """

    BINDINGS = [
        Binding("up", "cursor_up", "Cursor up", show=False),
        Binding("down", "cursor_down", "Cursor down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home", "first", "First row", show=False),
        Binding("end", "last", "Last row", show=False),
        Binding("enter", "select", "Select", show=False),
    ]
    COMPONENT_CLASSES = {"row-list--header", "row-list--cursor"}
    CACHE_ROWS = 1000  # rendered rows kept; drawing one again costs ~0.1 ms
    # The cursor is reverse video, so it shows without colour (NO_COLOR, monochrome)
    # and in 16 colours alike; the header is bold for the same reason.
    DEFAULT_CSS = """
    RowList {
        background: $surface;
        color: $foreground;
        overflow-x: hidden;
        overflow-y: auto;
        & > .row-list--header { text-style: bold; background: $panel; color: $foreground; }
        & > .row-list--cursor { text-style: reverse; }
        &:focus > .row-list--cursor { text-style: bold reverse; }
    }
    """

    class Highlighted(_RowMessage):
        """The cursor is on another row (`key` None: there are no rows)."""

    class Selected(_RowMessage):
        """Enter was pressed on a row, or the highlighted row was clicked."""

    def __init__(
        self,
        render_row: RenderRow,
        *,
        header: Callable[[int], Text] | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._render_row = render_row
        self._header = header
        self._keys: list[str] = []
        self._cursor = 0
        self._announced: str | None = None  # the key the last Highlighted was about
        self._strips: dict[str | None, Strip] = {}  # rendered rows by key; None: the header
        self._strips_for: tuple = ()  # (width, base style) the cached strips were drawn at

    # -- what is shown ------------------------------------------------------------------

    @property
    def keys(self) -> list[str]:
        """The keys of all the rows, in order (a copy is not made: do not change it)."""
        return self._keys

    @property
    def cursor(self) -> int:
        return self._cursor

    @property
    def cursor_key(self) -> str | None:
        return self._keys[self._cursor] if self._keys else None

    def set_rows(
        self, keys: Sequence[str], *, cursor_key: str | None = None, redraw: bool = False
    ) -> None:
        """Show these rows. The cursor goes to `cursor_key` if given and present, else
        stays on the key it was on if that is still there, else goes to the first row.
        `redraw` drops the rows already rendered (their content changed); without it a
        row is drawn again only when it is new to the cache."""
        want = cursor_key if cursor_key is not None else self.cursor_key
        self._keys = list(keys)
        if redraw:
            self._strips.clear()
        try:
            self._cursor = self._keys.index(want) if want is not None else 0
        except ValueError:
            self._cursor = 0
        self._update_virtual_size()
        self.refresh()
        self._scroll_to_cursor()
        self._announce()

    def visible_rows(self) -> list[str]:
        """The plain text of the rows in view, top to bottom (header excluded)."""
        first = self.scroll_offset.y
        count = max(self._page(), 1)
        width = self._row_width()
        return [
            self._render_row(key, width).plain.rstrip() for key in self._keys[first : first + count]
        ]

    # -- geometry ---------------------------------------------------------------------

    @property
    def _top(self) -> int:
        """Lines above the first row: the header's."""
        return 1 if self._header is not None else 0

    def _page(self) -> int:
        """How many rows fit in view."""
        return self.scrollable_content_region.height - self._top

    def _row_width(self) -> int:
        return max(self.scrollable_content_region.width, 1)

    def _update_virtual_size(self) -> None:
        # The header is a line of the virtual space too, so the scroll range is exactly
        # the rows that do not fit under it.
        size = Size(self._row_width(), len(self._keys) + self._top)
        if size != self.virtual_size:
            self.virtual_size = size
            # Show, hide or resize the scrollbar in the frame being prepared (and layout
            # passes compare with this size): compat.ViewportScrollView.
            self.update_scrollbars(size)

    def on_resize(self, event: events.Resize) -> None:
        self._update_virtual_size()
        self._scroll_to_cursor()

    # -- drawing ------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self._row_width()
        base = self.rich_style
        if (width, base) != self._strips_for:
            self._strips.clear()
            self._strips_for = (width, base)
        if y < self._top:
            assert self._header is not None
            strip = self._strips.get(None)
            if strip is None:
                style = base + self.get_component_rich_style("row-list--header")
                strip = self._strips[None] = self._strip(self._header(width), width, style)
            return strip
        index = self.scroll_offset.y + y - self._top
        if not 0 <= index < len(self._keys):
            return Strip.blank(width, base)
        key = self._keys[index]
        strip = self._strips.get(key)
        if strip is None:
            if len(self._strips) > self.CACHE_ROWS:  # scrolled through thousands of rows
                self._strips.clear()
            strip = self._strips[key] = self._strip(self._render_row(key, width), width, base)
        if index == self._cursor:
            cursor = self.get_component_rich_style("row-list--cursor", partial=True)
            strip = Strip(Segment.apply_style(strip, post_style=cursor), width)
        return strip

    def _strip(self, text: Text, width: int, style: Style) -> Strip:
        segments = text.render(self.app.console, end="")
        return Strip(Segment.apply_style(segments, style)).crop_extend(0, width, style)

    def _refresh_row(self, index: int) -> None:
        self.refresh_line(index + self._top)

    # -- the cursor -------------------------------------------------------------------

    def _move(self, index: int) -> None:
        if not self._keys:
            return
        index = max(0, min(index, len(self._keys) - 1))
        if index != self._cursor:
            self._refresh_row(self._cursor)
            self._cursor = index
            self._refresh_row(index)
        self._scroll_to_cursor()
        self._announce()

    def _scroll_to_cursor(self) -> None:
        page = self._page()
        if page <= 0:
            return
        top = round(self.scroll_target_y)
        if self._cursor < top:
            top = self._cursor
        elif self._cursor >= top + page:
            top = self._cursor - page + 1
        else:
            return
        self.scroll_to(y=top, animate=False)

    def _announce(self) -> None:
        key = self.cursor_key
        if key != self._announced:
            self._announced = key
            self.post_message(self.Highlighted(self, key, self._cursor))

    def action_cursor_up(self) -> None:
        self._move(self._cursor - 1)

    def action_cursor_down(self) -> None:
        self._move(self._cursor + 1)

    def _move_page(self, direction: int) -> None:
        # The view turns a page and the cursor keeps its place in it, as in a DataTable.
        step = direction * max(self._page(), 1)
        self.scroll_to(y=self.scroll_offset.y + step, animate=False)
        self._move(self._cursor + step)

    def action_page_up(self) -> None:
        self._move_page(-1)

    def action_page_down(self) -> None:
        self._move_page(1)

    def action_first(self) -> None:
        self._move(0)

    def action_last(self) -> None:
        self._move(len(self._keys) - 1)

    def action_select(self) -> None:
        key = self.cursor_key
        if key is not None:
            self.post_message(self.Selected(self, key, self._cursor))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < self._top:
            return
        index = self.scroll_offset.y + offset.y - self._top
        if 0 <= index < len(self._keys):
            if index == self._cursor:
                self.action_select()
            else:
                self._move(index)
