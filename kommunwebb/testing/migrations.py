"""Testing a data migration on real rows: take one app back to an earlier migration, write
rows the way they were stored then, and migrate forward again. Needs a test with
``@pytest.mark.django_db(transaction=True, serialized_rollback=True)``: schema changes
cannot run inside the test's transaction, and the rows the migrations created (the root
page, the default locale) must be there although an earlier such test flushed them."""

import json
from contextlib import contextmanager

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from wagtail.blocks import StreamValue


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
