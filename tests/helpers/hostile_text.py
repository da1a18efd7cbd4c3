"""A store written by another tool, holding terminal escape sequences and Rich markup
in every text field a screen or command shows."""

from __future__ import annotations

import json
import re
from pathlib import Path

from netplan.store.database import open_store
from netplan.store.records import Contact, Goal, Interaction, Pitch, Question
from netplan.support.dates import iso_week

from ..conftest import TODAY

# OSC 52 (sets the clipboard), OSC 0 (window title), ESC[2J (clears the screen),
# U+009B (a one-byte CSI), a bidi override, and markup.
EVIL = ("\x1b]52;c;cm0gLXJmIH4=\x07\x1b]0;pwned\x07\x1b[2J\x9b31m"
        "[red]Evil Corp[/red]\u202eX\x07")
PLAIN = "[red]Evil Corp[/red]X"  # what must remain: brackets shown, controls gone

# Anything a terminal would act on: C0 other than newline/tab, DEL, C1, bidi controls.
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def plant(store_path: Path) -> dict[str, str]:
    """Records made through the store, then edited in the JSON file as another tool
    would; returns their ids by kind."""
    store = open_store(store_path)
    c = store.save(Contact(name="PLANT", company="PLANT", role="PLANT", notes="PLANT\nPLANT",
                           personal="PLANT", tags=("PLANT",), cadence_days=7,
                           next_follow_up=TODAY.isoformat()))
    i = store.save(Interaction(kind="dm", contacts=(c.id,), summary="PLANT", notes="PLANT",
                               date=TODAY.isoformat()))
    g = store.save(Goal(week=iso_week(TODAY), title="PLANT", target=3))
    q = store.save(Question(text="PLANT", category="PLANT", why="PLANT"))
    p = store.save(Pitch(title="PLANT", text="PLANT\nPLANT"))
    store.close()
    data = json.loads(store_path.read_text(encoding="utf-8"))
    text = json.dumps(data, ensure_ascii=False).replace("PLANT", json.dumps(EVIL)[1:-1])
    store_path.write_text(text, encoding="utf-8")
    return {"contact": c.id, "interaction": i.id, "goal": g.id, "question": q.id,
            "pitch": p.id}
