"""Repositories: queries and writes, one module per aggregate. They flush, never commit."""
