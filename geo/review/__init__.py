"""The analyst's corrections, as data applied on top of the pipeline's Dataset (pure; no database).

    Edit (kind, stable target key, before, after) -> apply_edits(dataset, edits) -> (Dataset, orphans)

Targets are keys that survive a re-ingest: an exercise's normalised name (or,
unnamed, its participants and start), an article's text hash and a mention's
character span, never a database id. The store keeps the edits (geo.store.edits).
"""

from geo.review.edits import (
    EDIT_KINDS,
    ROLE_WORDS,
    Edit,
    EditConflict,
    EditError,
    OrphanedEdit,
    apply_edits,
    article_hash,
    current_value,
    describe_value,
    exercise_history,
    exercise_key,
    location_key,
    parse_location_key,
)

__all__ = [
    "EDIT_KINDS", "ROLE_WORDS", "Edit", "EditConflict", "EditError", "OrphanedEdit", "apply_edits", "article_hash",
    "current_value", "describe_value", "exercise_history", "exercise_key", "location_key", "parse_location_key",
]
