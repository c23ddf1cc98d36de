"""Helpers for purge functions: delete a queryset by primary-key batches in short transactions."""

from __future__ import annotations

from collections.abc import Iterator

from django.db import router, transaction
from django.db.models.deletion import Collector

DEFAULT_BATCH_SIZE = 5000


def purge_queryset(queryset, batch_size: int = DEFAULT_BATCH_SIZE) -> Iterator[int]:
    """Delete every row of ``queryset`` in batches of ``batch_size``; yield each batch's count.

    Each batch reads the next ``batch_size`` primary keys in key order (an index scan),
    then deletes the matching rows between the first and last of those keys in its own
    short transaction, so the site's writers never wait long for the lock. A row that
    started matching meanwhile inside that key range is deleted too (it has expired as
    well), so a batch may count a little more than ``batch_size``. The count is that of
    the queryset's model (rows deleted by cascade are not counted). The queryset must be
    a plain filter (no slicing). Works on SQLite and PostgreSQL.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    model = queryset.model
    using = queryset.db if queryset._db else router.db_for_write(model)
    pk_name = model._meta.pk.attname
    remaining = queryset.using(using).order_by()
    last_pk = None
    while True:
        page = remaining if last_pk is None else remaining.filter(**{f"{pk_name}__gt": last_pk})
        pks = list(page.order_by(pk_name).values_list(pk_name, flat=True)[:batch_size])
        if not pks:
            return
        last_pk = pks[-1]
        batch = remaining.filter(**{f"{pk_name}__gte": pks[0], f"{pk_name}__lte": last_pk})
        with transaction.atomic(using=using):
            deleted = _delete(batch, using)
        yield deleted
        if len(pks) < batch_size:
            return


def _delete(queryset, using) -> int:
    """A single DELETE when nothing cascades and no signal listens; the ORM's delete if so."""
    collector = Collector(using=using, origin=queryset)
    if collector.can_fast_delete(queryset):
        return queryset._raw_delete(using)
    # Receivers still get each instance, but only its key is loaded: a purge must not
    # read the (possibly large) personal data it is about to delete.
    _total, per_model = queryset.only(queryset.model._meta.pk.attname).delete()
    return per_model.get(queryset.model._meta.label, 0)


def count_queryset(queryset) -> int:
    """For ``register(count=...)``: how many rows a dry run would delete."""
    return queryset.count()
