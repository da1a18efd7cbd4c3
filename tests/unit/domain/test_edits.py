"""An edit is made against the record as it is now (domain.edits.merge_edit)."""

from netplan.domain.edits import merge_edit

SHOWN = {"name": "Ada", "company": "", "stage": "identified", "notes": "", "updated": "t0"}


def test_fields_left_alone_take_the_newer_stored_values():
    edited = {**SHOWN, "company": "Engines", "updated": "t2"}
    current = {**SHOWN, "stage": "talked", "updated": "t1"}  # a cron `netplan log` meanwhile
    merged, clashes = merge_edit(SHOWN, edited, current)
    assert merged["stage"] == "talked" and merged["company"] == "Engines"
    assert clashes == {}


def test_a_field_changed_on_both_sides_is_a_clash_with_both_values():
    edited = {**SHOWN, "notes": "mine"}
    current = {**SHOWN, "notes": "theirs"}
    merged, clashes = merge_edit(SHOWN, edited, current)
    assert clashes == {"notes": ("mine", "theirs")}
    assert merged["notes"] == "mine"


def test_the_same_change_on_both_sides_is_no_clash():
    edited = {**SHOWN, "notes": "same"}
    merged, clashes = merge_edit(SHOWN, edited, {**SHOWN, "notes": "same"})
    assert clashes == {} and merged["notes"] == "same"
