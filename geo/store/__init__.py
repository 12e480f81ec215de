"""The event store: a database (SQLite by default, PostgreSQL by URL) as the system of record.

    open_store -> sync_folder / add_article -> load_dataset_from_store -> Dataset

Articles and their extractions are rows; the dashboard's ``Dataset`` is built
from them without geoparsing again. Written with SQLAlchemy Core; the schema
is migrated with Alembic when a store is opened. No Streamlit here.
"""

from geo.store.db import DB_ENV, Store, backup, default_url, open_store, upgrade
from geo.store.ingest import (
    AddResult,
    Extracted,
    SyncReport,
    add_article,
    article_path,
    preview_article,
    sync_folder,
)
from geo.store.load import data_revision, load_dataset_from_store, merge_indexed
from geo.store.version import PIPELINE_VERSION

__all__ = [
    "DB_ENV", "PIPELINE_VERSION", "AddResult", "backup", "Extracted", "Store", "SyncReport", "add_article",
    "article_path", "data_revision", "default_url", "load_dataset_from_store", "merge_indexed", "open_store",
    "preview_article", "sync_folder", "upgrade",
]
