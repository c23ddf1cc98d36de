"""Terms of every indexed object stemmed again, each in its own language (issue 16 part 7):
until now every page went through the Swedish pipeline, so the English and Finnish pages'
terms in an existing index would not meet the queries of /en/sok/ and /fi/sok/."""

from django.db import migrations


def restem(apps, schema_editor):
    IndexEntry = apps.get_model("wagtailsearch", "IndexEntry")
    if not IndexEntry.objects.using(schema_editor.connection.alias).exists():
        return  # a new database: pages are indexed as they are created
    from io import StringIO

    from django.core.management import call_command

    call_command("update_index", stdout=StringIO())


class Migration(migrations.Migration):

    dependencies = [
        ("kommunwebb_search", "0006_statistics_permissions"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [
        migrations.RunPython(restem, migrations.RunPython.noop),
    ]
