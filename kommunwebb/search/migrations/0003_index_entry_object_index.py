"""A narrow index over Wagtail's search index entries for the SQLite search backend
(kommunwebb/search/backends/swedish.py, ENTRY_INDEX). PostgreSQL does not need it."""

from django.db import migrations

INDEX = "kommunwebb_search_entry_object"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} "
        "ON wagtailsearch_indexentry (id, content_type_id, object_id)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("kommunwebb_search", "0002_editor_permissions"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create, drop)]
