"""Alembic environment of the event store: always run in code, on a connection we hand over.

``geo.store.db.upgrade`` puts an open connection (inside its transaction) in
``config.attributes["connection"]``; nothing here reads an alembic.ini.
"""

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=None, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
