"""index on articles.source_url (duplicate check of add_article)

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_articles_source_url", "articles", ["source_url"])


def downgrade() -> None:
    op.drop_index("ix_articles_source_url", table_name="articles")
