"""Testing a data migration on real rows: take one app back to an earlier migration, write
rows the way they were stored then, and migrate forward again. Needs a test with
``@pytest.mark.django_db(transaction=True)``: schema changes cannot run inside the test's
transaction. Such tests end with a flush of every table, so the rows the migrations made
(the root page, the default locale, the root collection) may be gone: ``tree_root`` makes
them again."""

import json
from contextlib import contextmanager

from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail.blocks import StreamValue


def tree_root():
    """The root page, with the default locale and the root collection, made again if an
    earlier transactional test flushed them."""
    from wagtail.models import Collection, Locale, Page

    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    return Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))


@contextmanager
def migrated_back(app_label: str, migration: str):
    """The historical apps registry at ``app_label``'s ``migration``; every app is migrated
    forward again when the block ends, whatever happened inside it."""
    target = [(app_label, migration)]
    executor = MigrationExecutor(connection)
    executor.migrate(target)
    try:
        yield executor.loader.project_state(target).apps
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


def write_raw_stream(model, pk, field_name: str, raw_data: list) -> None:
    """Store ``raw_data`` in a StreamField as it is, without the blocks looking at it."""
    stream_block = model._meta.get_field(field_name).stream_block
    model.objects.filter(pk=pk).update(
        **{field_name: StreamValue(stream_block, raw_data, is_lazy=True)}
    )


def write_revision_content(revision, **fields) -> None:
    """Change fields in a revision's stored content; StreamFields are given as raw data."""
    content = dict(revision.content)
    for name, value in fields.items():
        content[name] = json.dumps(value) if isinstance(value, list) else value
    type(revision).objects.filter(pk=revision.pk).update(content=content)
