"""Run the registered purge functions: cutoffs, batching, progress and the audit log."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from . import registry
from .purging import DEFAULT_BATCH_SIZE

logger = logging.getLogger(__name__)

Progress = Callable[["KindResult"], None]


@dataclass
class KindResult:
    """What happened to one kind in one run (also what a dry run would do)."""

    kind: str
    label: str
    cutoff: datetime
    count: int | None = 0
    batches: int = 0
    dry_run: bool = False
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error


def cutoff_for(kind: registry.Kind, now: datetime) -> datetime:
    """Everything of ``kind`` created strictly before this moment has expired."""
    return now - kind.period


def purge_expired(
    *,
    kinds: Iterable[str] | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    dry_run: bool = False,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> list[KindResult]:
    """Purge every registered kind (or those named in ``kinds``) and audit the counts.

    All cutoffs are computed from one moment, the start of the run. A kind whose purge
    raises is recorded as failed and the others still run. A dry run deletes nothing and
    writes no audit row; it reports the counts of kinds that registered ``count``.
    """
    now = now or registry.now()
    selected = registry.kinds()
    if kinds is not None:
        wanted = set(kinds)
        unknown = wanted - {k.kind for k in selected}
        if unknown:
            raise KeyError(", ".join(sorted(unknown)))
        selected = [k for k in selected if k.kind in wanted]
    return [
        _purge_kind(kind, now=now, batch_size=batch_size, dry_run=dry_run, progress=progress)
        for kind in selected
    ]


def _purge_kind(kind, *, now, batch_size, dry_run, progress) -> KindResult:
    result = KindResult(
        kind=kind.kind, label=str(kind.label), cutoff=cutoff_for(kind, now), dry_run=dry_run
    )
    if dry_run:
        try:
            result.count = kind.count_function(result.cutoff) if kind.count_function else None
        except Exception as exc:
            result.count, result.error = 0, type(exc).__name__
            logger.error("Counting %s failed with %s", kind.kind, result.error)
        if progress:
            progress(result)
        return result

    from .models import PurgeRun

    run = PurgeRun.objects.create(kind=kind.kind, cutoff=result.cutoff, started_at=timezone.now())
    try:
        outcome = kind.purge_function(result.cutoff, batch_size)
        for deleted in _batches(outcome):
            result.count += deleted
            result.batches += 1
            if progress:
                progress(result)
    except Exception as exc:
        result.error = type(exc).__name__
        # The class name only: messages and tracebacks may quote the personal data.
        logger.error("Purging %s failed with %s", kind.kind, result.error)
    run.count = result.count
    run.batches = result.batches
    run.status = PurgeRun.Status.FAILED if result.error else PurgeRun.Status.DONE
    run.error = result.error
    run.finished_at = timezone.now()
    run.save()
    return result


def _batches(outcome) -> Iterable[int]:
    """A purge function returns a total, None, or an iterator of per-batch counts."""
    if outcome is None:
        return []
    if isinstance(outcome, int):
        return [outcome] if outcome else []
    return (int(n) for n in outcome)


def purge_expired_job() -> dict[str, int]:
    """The daily job run by the task worker (see ``kommunwebb.operations.schedule``)."""
    results = purge_expired()
    return {r.kind: r.count for r in results if r.ok} | {r.kind: -1 for r in results if not r.ok}


def last_runs() -> dict[str, object]:
    """The latest finished audit row per registered kind, for the admin overview."""
    from .models import PurgeRun

    finished = PurgeRun.objects.exclude(status=PurgeRun.Status.RUNNING)
    latest = {}
    for kind in registry.kinds():
        run = finished.filter(kind=kind.kind).first()
        if run:
            latest[kind.kind] = run
    return latest
