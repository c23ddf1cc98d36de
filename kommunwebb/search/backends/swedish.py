"""Wagtail's database search backend, made to understand Swedish inflection.

Configure it as ``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND":
"kommunwebb.search.backends.swedish"}}``. Like ``wagtail.search.backends.database`` it picks
the implementation from the default database:

* PostgreSQL: modelsearch's PostgreSQL backend with the built-in ``swedish`` text search
  configuration (``SEARCH_CONFIG``), which stems both the indexed text and the query.
* SQLite: modelsearch's FTS5 backend, but the title and body columns hold Snowball stems
  (``kommunwebb.search.text.stem_text``) and every query word is stemmed the same way. FTS5
  has no Swedish tokenizer; stemming on the way in and out gives the same effect. The
  autocomplete column keeps the words as written, because it is matched by prefix.
* anything else: modelsearch's plain database fallback (no stemming).
"""

from django.db import connection


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks for in a backend module
    if connection.vendor == "postgresql":
        from kommunwebb.search.backends.postgres import SwedishPostgresSearchBackend

        return SwedishPostgresSearchBackend(params)
    if connection.vendor == "sqlite":
        from modelsearch.backends import database

        # Wagtail's own factory decides once whether FTS5 and its table are there.
        backend = database.SearchBackend(params)
        from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

        if isinstance(backend, SQLiteSearchBackend):
            from kommunwebb.search.backends.sqlite import SwedishSQLiteSearchBackend

            return SwedishSQLiteSearchBackend(params)
        return backend
    from modelsearch.backends.database.fallback import DatabaseSearchBackend

    return DatabaseSearchBackend(params)
