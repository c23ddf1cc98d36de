"""The registry of personal data kinds (contract C4).

Every app that stores personal data registers, from its ``AppConfig.ready()``, a **kind**
with :func:`register`: its retention period and a ``purge`` function that deletes what
is older than a cutoff, in batches. ``manage.py purge_expired`` runs them all, records
the counts in an audit log (no personal data) and the task worker runs it daily. How to
find and erase what is stored about one person (the rights tools, GDPR articles 15, 17
and 20) is registered separately, with ``kommunwebb.gdpr.sources.register_source``.

Example (in ``kommunwebb/myapp/apps.py``)::

    from datetime import timedelta

    from django.apps import AppConfig


    class MyAppConfig(AppConfig):
        name = "kommunwebb.myapp"

        def ready(self):
            from kommunwebb.retention.registry import register
            from kommunwebb.retention.purging import purge_queryset

            from .models import Thing

            register(
                "myapp.things",
                label="Saker",
                period=timedelta(days=183),
                purge=lambda cutoff, batch_size: purge_queryset(
                    Thing.objects.filter(created_at__lt=cutoff), batch_size
                ),
                describe="Saker som besökare skickat in; gallras efter sex månader.",
            )

The period set here is the default; ``settings.RETENTION_PERIODS = {"myapp.things": 30}``
(days) overrides it without touching code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings

PurgeResult = Iterator[int] | Iterable[int] | int | None
PurgeFunction = Callable[..., PurgeResult]


@dataclass(frozen=True)
class Kind:
    """One kind of personal data and how long it is kept."""

    kind: str
    label: str
    default_period: Callable[[], timedelta] | timedelta
    purge_function: PurgeFunction
    describe: str
    count_function: Callable[..., int] | None = None

    @property
    def period(self) -> timedelta:
        """The period in force: ``settings.RETENTION_PERIODS[kind]`` (days) or the default."""
        overrides = getattr(settings, "RETENTION_PERIODS", {}) or {}
        if self.kind in overrides:
            value = overrides[self.kind]
            return value if isinstance(value, timedelta) else timedelta(days=value)
        value = self.default_period
        return value() if callable(value) else value

    @property
    def overridden(self) -> bool:
        return self.kind in (getattr(settings, "RETENTION_PERIODS", {}) or {})


_kinds: dict[str, Kind] = {}


def register(
    kind: str,
    *,
    label: str,
    period: Callable[[], timedelta] | timedelta,
    purge: PurgeFunction,
    describe: str,
    count: Callable[..., int] | None = None,
) -> Kind:
    """Declare a kind of personal data, its retention period and how to purge it.

    ``kind``: a stable machine name, e.g. ``"forms.submissions"`` (used in settings
    overrides and in the audit log).
    ``label``: a short Swedish name shown in the admin (e.g. ``"Formulärsvar"``).
    ``period``: the default retention period, a ``timedelta`` or a callable returning one
    (evaluated at each purge). ``settings.RETENTION_PERIODS[kind]`` (days) overrides it.
    ``purge(cutoff, batch_size)``: delete everything of this kind created before
    ``cutoff`` (an aware datetime; strictly older, ``created < cutoff``), in batches of at
    most ``batch_size`` rows, each in its own short transaction. Either yield the number
    deleted per batch (preferred: progress is shown as it goes) or return the total. A
    kind whose rows carry their own period (e.g. per-form overrides) may ignore ``cutoff``
    for those rows and apply its own, and then should compute cutoffs from
    ``kommunwebb.retention.registry.now()`` minus its periods.
    ``describe``: one or two Swedish sentences for the admin page (what it is, why kept).
    ``count(cutoff)``: optional; how many rows would be purged, used by ``--dry-run``.
    Without it a dry run reports the kind without a count.

    Registering the same kind twice replaces the earlier registration (so app reloads in
    tests are harmless).
    """
    entry = Kind(
        kind=kind,
        label=label,
        default_period=period,
        purge_function=purge,
        describe=describe,
        count_function=count,
    )
    _kinds[kind] = entry
    return entry


def unregister(kind: str) -> None:
    """Remove a kind (used by tests)."""
    _kinds.pop(kind, None)


def kinds() -> list[Kind]:
    """All registered kinds, sorted by machine name."""
    return [_kinds[key] for key in sorted(_kinds)]


def get_kind(kind: str) -> Kind:
    return _kinds[kind]


def now():
    """The current time as the retention engine sees it (patchable / frozen in tests)."""
    from django.utils import timezone

    return timezone.now()
