"""The Swedish backend's own term index (kommunwebb/search/backends/terms.py). A site that
already has a search index gets its terms built here, so search keeps finding its pages
after the upgrade."""

import django.db.models.deletion
from django.db import migrations, models


def build_terms(apps, schema_editor):
    IndexEntry = apps.get_model("wagtailsearch", "IndexEntry")
    if not IndexEntry.objects.using(schema_editor.connection.alias).exists():
        return  # a new database: pages are indexed as they are created
    from io import StringIO

    from django.core.management import call_command

    call_command("update_index", stdout=StringIO())


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('kommunwebb_search', '0003_index_entry_object_index'),
        ('wagtailsearch', '0010_add_text_fields'),
    ]

    operations = [
        migrations.CreateModel(
            name='IndexTerm',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.PositiveSmallIntegerField()),
                ('term', models.CharField(max_length=64)),
                ('object_id', models.BigIntegerField()),
                ('weight', models.PositiveIntegerField()),
                ('content_type', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='contenttypes.contenttype')),
            ],
            options={
                'indexes': [models.Index(fields=['kind', 'term', 'content_type', 'object_id', 'weight'], name='kw_search_term_lookup'), models.Index(fields=['content_type', 'object_id'], name='kw_search_term_object')],
            },
        ),
        migrations.RunPython(build_terms, migrations.RunPython.noop),
    ]
