"""PostgreSQL: keep the term index's visibility map current (docs/search.md, "Fourth round").

The ranking reads postings from covering indexes (``kw_search_term_lookup``,
``kw_search_term_impact``). PostgreSQL answers such a read from the index alone only for
table pages its visibility map marks all-visible, which VACUUM does; for any other page it
visits the table row too. A term's postings are spread over every page of the table, so
with the map stale a count of one common term's postings went from 3 to 30 ms. Re-indexing
a page deletes and inserts its terms, clearing the bit of the pages they are on; by default
autovacuum sets it again only after a fifth of the table (400,000 rows on 10,000 pages, some
2,000 re-indexed pages) has changed. One hundredth keeps the share of postings read from the
table small; a vacuum of this table costs seconds. SQLite has no such map: nothing to do.
"""

from django.db import migrations

TABLE = "kommunwebb_search_indexterm"
OPTIONS = ("autovacuum_vacuum_scale_factor", "autovacuum_vacuum_insert_scale_factor")


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    settings = ", ".join(f"{name} = 0.01" for name in OPTIONS)
    schema_editor.execute(f"ALTER TABLE {TABLE} SET ({settings})")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE {TABLE} RESET ({', '.join(OPTIONS)})")


class Migration(migrations.Migration):
    dependencies = [
        ("kommunwebb_search", "0008_term_impact_index"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
