"""The review page's writes, without Streamlit: save an edit, undo, history; refused when read-only."""

from __future__ import annotations

import json

from geo.desk.appdata import READONLY_ENV, read_only
from geo.review import ROLE_WORDS, Edit, EditError, describe_value
from geo.store import open_store
from geo.store.edits import add_edit, list_edits, undo_last


def _writable() -> None:
    if read_only():
        raise EditError(f"the dashboard is read-only ({READONLY_ENV}=1); unset it to edit")


def save_edit(edit: Edit) -> Edit:
    """Store the edit (EditConflict when its ``before`` is stale, EditError when read-only)."""
    _writable()
    with open_store() as store:
        return add_edit(store, edit)


def undo_edit(author: str, expected_id: int | None) -> Edit | None:
    """Undo the newest edit if it is still the one the analyst saw (``expected_id``)."""
    _writable()
    with open_store() as store:
        return undo_last(store, author, expected_id=expected_id)


def edit_history(exercise: str | None = None) -> list[Edit]:
    with open_store() as store:
        return list_edits(store, exercise)


def describe_edit(edit: Edit) -> str:
    """One line: who changed what ("ana: Brest → only mentioned")."""
    after = edit.after
    if edit.kind == "place_role":
        what = f"role → {ROLE_WORDS.get(after.get('role'), after.get('role'))}"
    elif edit.kind == "place_move":
        what = f"moved to {after.get('name') + ' ' if after.get('name') else ''}{after['lat']:.4f}, {after['lon']:.4f}"
    elif edit.kind == "place_add":
        what = f"drill site added: {after['place'].get('name') or 'typed coordinates'}"
    elif edit.kind == "exercise_fields":
        what = "; ".join(f"{k} → {v}" for k, v in after.items())
    elif edit.kind == "exercise_merge":
        what = f"{after['other'].split(':', 1)[-1]} merged into {edit.target.split(':', 1)[-1]}"
    else:
        what = f"split off as {after.get('name')}"
    when = edit.created_at.strftime("%Y-%m-%d %H:%M") if edit.created_at else ""
    return f"#{edit.id} {when} {edit.author}: {what}".replace("  ", " ")


KIND_WORDS = {"place_role": "role", "place_move": "moved", "place_add": "drill site added",
              "exercise_fields": "name, dates, participants", "exercise_merge": "merged",
              "exercise_split": "split"}


def _change(edit: Edit) -> str:
    after = edit.after
    if edit.kind == "place_add":
        return f"— → {describe_value('place_move', after.get('place'))}"
    if edit.kind == "exercise_merge":
        return f"{after['other'].split(':', 1)[-1]} → into {edit.target.split(':', 1)[-1]}"
    if edit.kind == "exercise_split":
        dates = "; ".join(f"{k} {after[k]}" for k in ("start", "end") if after.get(k))
        return (f"— → {after.get('name')} with {len(after.get('locations') or ())} place(s)"
                + (f" ({dates})" if dates else ""))
    before = describe_value(edit.kind, edit.before) if edit.before is not None else "—"
    return f"{before} → {describe_value(edit.kind, after)}"


def history_rows(edits: list[Edit]) -> list[dict]:
    """One row per edit, oldest first, for the page's history table: who, when, what, before → after, note."""
    rows = []
    for edit in edits:
        place = ""
        if edit.kind in ("place_role", "place_move"):
            try:
                place = json.loads(edit.target).get("p") or ""
            except (ValueError, AttributeError):
                place = ""
        elif edit.kind == "place_add":
            place = (edit.after.get("place") or {}).get("name") or ""
        rows.append({"#": edit.id, "who": edit.author,
                     "when": edit.created_at.strftime("%Y-%m-%d %H:%M") if edit.created_at else "",
                     "what": KIND_WORDS.get(edit.kind, edit.kind), "place": place,
                     "before → after": _change(edit), "note": edit.note})
    return rows
