"""Running a command from the command palette as a user does: ctrl+p, type words, wait
until the top hit is the one expected (the providers answer in their own time), enter."""

from __future__ import annotations

from textual.command import CommandList

from .waits import until


def top_hit(app) -> str:
    """The text of the highlighted hit in the open palette ("" when there is none)."""
    try:
        hits = app.screen.query_one(CommandList)
    except Exception:  # noqa: BLE001 - the palette is not open (yet)
        return ""
    if hits.option_count == 0 or hits.highlighted is None:
        return ""
    prompt = hits.get_option_at_index(hits.highlighted).prompt
    return str(getattr(prompt, "plain", prompt))


async def from_palette(pilot, app, words: str, expect: str | None = None) -> None:
    """Type `words` into the palette and run the top hit once it contains `expect`
    (by default the words themselves, in any case)."""
    await pilot.press("ctrl+p")
    assert await until(pilot, lambda: type(app.screen).__name__ == "CommandPalette")
    await pilot.press(*words)
    wanted = (expect or words).casefold()
    assert await until(pilot, lambda: wanted in top_hit(app).casefold()), top_hit(app)
    await pilot.press("enter")
    await pilot.pause()
