"""articles, extractions, edits

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

Json = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "articles",
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
    op.create_index(
        "ux_articles_active_name",
        "articles",
        ["origin", "file_name"],
        unique=True,
        sqlite_where=sa.text("status = 'active'"),
        postgresql_where=sa.text("status = 'active'"),
    )
    op.create_table(
        "extractions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("pipeline_version", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("payload", Json, nullable=False),
        sa.UniqueConstraint("article_id", "pipeline_version", name="uq_extractions_article_version"),
    )
    op.create_index("ix_extractions_article", "extractions", ["article_id"])
    op.create_table(
        "edits",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("author", sa.String(255), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("target_kind", sa.String(32), nullable=False),
        sa.Column("target_key", sa.Text, nullable=False),
        sa.Column("before", Json),
        sa.Column("after", Json),
        sa.Column("note", sa.Text),
    )


def downgrade() -> None:
    op.drop_table("edits")
    op.drop_table("extractions")
    op.drop_index("ux_articles_active_name", table_name="articles")
    op.drop_table("articles")
