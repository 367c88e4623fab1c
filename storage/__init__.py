"""Persistence: SQLAlchemy 2 models, repositories and Alembic migrations.

Storage never imports `telegram` and never commits: the caller owns the transaction.
"""
