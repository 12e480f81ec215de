"""The store's tables, as SQLAlchemy Core ``Table`` objects (the head revision's shape).

Alembic migrations (``migrations/versions``) create and change these tables;
this module is what the code reads and writes through. Keep the two in step:
a new column here needs a new revision there.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

metadata = sa.MetaData()

# JSON everywhere; JSONB on PostgreSQL (indexable, decoded by the driver).
Json = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")

articles = sa.Table(
    "articles",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("file_name", sa.String(255), nullable=False),
    sa.Column("title", sa.Text),
    sa.Column("source_url", sa.Text),
    sa.Column("published", sa.Date),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("status", sa.String(16), nullable=False, server_default="active"),
    sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("origin", sa.String(16), nullable=False),
    sa.CheckConstraint("status in ('active', 'withdrawn')", name="ck_articles_status"),
    sa.CheckConstraint("origin in ('folder', 'upload', 'paste')", name="ck_articles_origin"),
)

extractions = sa.Table(
    "extractions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    sa.Column("pipeline_version", sa.String(64), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("payload", Json, nullable=False),
    sa.UniqueConstraint("article_id", "pipeline_version", name="uq_extractions_article_version"),
)

edits = sa.Table(  # the analyst's corrections; written by a later feature
    "edits",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("author", sa.String(255), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("target_kind", sa.String(32), nullable=False),
    sa.Column("target_key", sa.Text, nullable=False),
    sa.Column("before", Json),
    sa.Column("after", Json),
    sa.Column("note", sa.Text),
)

# One active article per (origin, file name): a folder file has one current version.
sa.Index(
    "ux_articles_active_name",
    articles.c.origin,
    articles.c.file_name,
    unique=True,
    sqlite_where=sa.text("status = 'active'"),
    postgresql_where=sa.text("status = 'active'"),
)
sa.Index("ix_articles_source_url", articles.c.source_url)
sa.Index("ix_extractions_article", extractions.c.article_id)
