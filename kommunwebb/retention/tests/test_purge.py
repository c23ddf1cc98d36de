"""Retention boundaries, batching, dry runs and the purge audit log."""

from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
import time_machine
from django.contrib.auth.models import Group, Permission
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from kommunwebb.retention import engine
from kommunwebb.retention.models import PurgeRun
from kommunwebb.retention.purging import count_queryset, purge_queryset

pytestmark = pytest.mark.django_db

T0 = datetime(2025, 3, 1, 12, 0, 0, tzinfo=UTC)
PERIOD = timedelta(days=183)


def make_sessions(n, when, prefix="s"):
    Session.objects.bulk_create(
        Session(session_key=f"{prefix}{i:04d}", session_data="x", expire_date=when)
        for i in range(n)
    )


@pytest.fixture
def session_kind(isolated_registry):
    """A kind over Session whose 'created' time is expire_date, kept six months."""

    def rows(cutoff):
        return Session.objects.filter(expire_date__lt=cutoff)

    isolated_registry.register(
        "test.sessions",
        label="Testsessioner",
        period=PERIOD,
        purge=lambda cutoff, batch_size: purge_queryset(rows(cutoff), batch_size),
        count=lambda cutoff: count_queryset(rows(cutoff)),
        describe="Test.",
    )
    return "test.sessions"


def purge(kind, **options):
    out = StringIO()
    call_command("purge_expired", "--kind", kind, stdout=out, **options)
    return out.getvalue()


@pytest.mark.parametrize(
    ("offset", "kept"),
    [
        (timedelta(seconds=-1), True),  # one second before the limit
        (timedelta(0), True),  # exactly at the limit: not yet older than the period
        (timedelta(seconds=1), False),  # one second after
    ],
)
def test_exact_boundary(session_kind, offset, kept):
    make_sessions(1, T0)
    with time_machine.travel(T0 + PERIOD + offset, tick=False):
        purge(session_kind)
    assert Session.objects.exists() is kept


def test_boundary_follows_settings_override(session_kind):
    make_sessions(1, T0)
    with override_settings(RETENTION_PERIODS={session_kind: 30}):
        with time_machine.travel(T0 + timedelta(days=30, seconds=-1), tick=False):
            purge(session_kind)
        assert Session.objects.exists()
        with time_machine.travel(T0 + timedelta(days=30, seconds=1), tick=False):
            purge(session_kind)
        assert not Session.objects.exists()


def test_batches_of_three_over_ten_rows_make_four_batches(session_kind):
    make_sessions(10, T0)
    with time_machine.travel(T0 + PERIOD + timedelta(days=1), tick=False):
        counts = list(purge_queryset(Session.objects.filter(expire_date__lt=T0 + PERIOD), 3))
    assert counts == [3, 3, 3, 1]
    assert not Session.objects.exists()


def test_batches_are_recorded_in_the_audit_log(session_kind):
    make_sessions(10, T0)
    with time_machine.travel(T0 + PERIOD + timedelta(days=1), tick=False):
        purge(session_kind, batch_size=3)
    run = PurgeRun.objects.get(kind=session_kind)
    assert (run.count, run.batches, run.status) == (10, 4, PurgeRun.Status.DONE)


def test_only_expired_rows_go_and_fresh_ones_stay(session_kind):
    make_sessions(7, T0, prefix="old")
    make_sessions(5, T0 + timedelta(days=10), prefix="new")
    with time_machine.travel(T0 + PERIOD + timedelta(days=1), tick=False):
        out = purge(session_kind, batch_size=2)
    assert sorted(Session.objects.values_list("session_key", flat=True))[0].startswith("new")
    assert Session.objects.count() == 5
    assert "test.sessions: deleted 7 in 4 batches" in out


def test_purge_queryset_uses_the_orm_delete_when_rows_cascade():
    permission = Permission.objects.first()
    for i in range(5):
        Group.objects.create(name=f"g{i}").permissions.add(permission)
    Group.objects.create(name="keep")
    counts = list(purge_queryset(Group.objects.filter(name__regex=r"^g\d$"), 2))
    assert counts == [2, 2, 1]
    assert not Group.objects.filter(name__regex=r"^g\d$").exists()
    assert Group.objects.filter(name="keep").exists()


def test_dry_run_deletes_nothing_and_writes_no_audit(session_kind):
    make_sessions(4, T0)
    with time_machine.travel(T0 + PERIOD + timedelta(days=1), tick=False):
        out = purge(session_kind, dry_run=True)
    assert Session.objects.count() == 4
    assert not PurgeRun.objects.exists()
    assert "test.sessions: would delete 4 older than" in out


def test_dry_run_of_every_registered_kind_deletes_nothing(session_kind):
    make_sessions(3, T0)
    out = StringIO()
    with time_machine.travel(T0 + PERIOD + timedelta(days=1), tick=False):
        call_command("purge_expired", "--dry-run", stdout=out)
    assert Session.objects.count() == 3
    assert not PurgeRun.objects.exists()
    assert "would delete" in out.getvalue()


def test_audit_rows_hold_kind_cutoff_count_and_times(session_kind):
    make_sessions(3, T0)
    now = T0 + PERIOD + timedelta(days=1)
    with time_machine.travel(now, tick=False):
        purge(session_kind)
    run = PurgeRun.objects.get()
    assert run.kind == session_kind
    assert run.cutoff == now - PERIOD
    assert run.count == 3
    assert run.started_at == now and run.finished_at == now
    assert run.error == ""
    # Nothing about the data itself: only these columns exist.
    assert {f.name for f in PurgeRun._meta.fields} == {
        "id",
        "kind",
        "cutoff",
        "count",
        "batches",
        "status",
        "error",
        "started_at",
        "finished_at",
    }


def test_every_registered_kind_runs_on_an_empty_database():
    out = StringIO()
    call_command("purge_expired", stdout=out)
    kinds = set(PurgeRun.objects.values_list("kind", flat=True))
    assert {"logs.application", "auth.sessions", "tasks.results"} <= kinds
    assert not PurgeRun.objects.filter(status=PurgeRun.Status.FAILED).exists()


def test_a_failing_kind_is_recorded_and_the_others_still_run(isolated_registry, session_kind):
    def broken(cutoff, batch_size):
        yield 2
        raise RuntimeError("secret@example.com")

    isolated_registry.register(
        "test.broken", label="Trasig", period=PERIOD, purge=broken, describe="Test."
    )
    make_sessions(2, T0)
    out = StringIO()
    with (
        time_machine.travel(T0 + PERIOD + timedelta(days=1), tick=False),
        pytest.raises(CommandError, match="test.broken"),
    ):
        call_command("purge_expired", "--kind", "test.broken", "--kind", session_kind, stdout=out)
    failed = PurgeRun.objects.get(kind="test.broken")
    assert (failed.status, failed.error, failed.count) == ("failed", "RuntimeError", 2)
    assert PurgeRun.objects.get(kind=session_kind).count == 2
    assert "secret@example.com" not in out.getvalue()


def test_purge_functions_may_return_a_total(isolated_registry):
    isolated_registry.register(
        "test.total", label="Summa", period=PERIOD, purge=lambda c, b: 7, describe="Test."
    )
    results = engine.purge_expired(kinds=["test.total"])
    assert (results[0].count, results[0].batches) == (7, 1)


def test_unknown_kind_is_a_clear_error():
    with pytest.raises(CommandError, match="Unknown kind: nope"):
        call_command("purge_expired", "--kind", "nope", stdout=StringIO())


def test_batch_size_must_be_positive():
    with pytest.raises(CommandError):
        call_command("purge_expired", "--batch-size", "0", stdout=StringIO())


def test_progress_is_shown_per_batch_with_verbosity_2(session_kind):
    make_sessions(5, T0)
    with time_machine.travel(T0 + PERIOD + timedelta(days=1), tick=False):
        out = purge(session_kind, batch_size=2, verbosity=2)
    assert "test.sessions: 2 deleted, batch 1" in out
    assert "test.sessions: 5 deleted, batch 3" in out


def test_builtin_sessions_kind_deletes_expired_sessions_only():
    make_sessions(2, T0 - timedelta(seconds=1), prefix="gone")
    make_sessions(1, T0 + timedelta(seconds=1), prefix="live")
    with time_machine.travel(T0, tick=False):
        purge("auth.sessions")
    assert list(Session.objects.values_list("session_key", flat=True)) == ["live0000"]


def test_builtin_task_results_kind_never_touches_queued_tasks():
    from django_tasks_db.models import DBTaskResult

    old = T0 - timedelta(days=31)
    common = {"args_kwargs": {}, "task_path": "x.y", "backend_name": "default", "run_after": old}
    DBTaskResult.objects.create(status="SUCCESSFUL", finished_at=old, **common)
    DBTaskResult.objects.create(status="FAILED", finished_at=old, **common)
    DBTaskResult.objects.create(status="READY", **common)
    DBTaskResult.objects.create(status="SUCCESSFUL", finished_at=T0 - timedelta(days=29), **common)
    with time_machine.travel(T0, tick=False):
        purge("tasks.results")
    assert sorted(DBTaskResult.objects.values_list("status", flat=True)) == ["READY", "SUCCESSFUL"]


def test_registry_period_override_and_callable(isolated_registry):
    kind = isolated_registry.register(
        "test.callable",
        label="x",
        period=lambda: timedelta(days=3),
        purge=lambda c, b: 0,
        describe="x",
    )
    assert kind.period == timedelta(days=3)
    assert not kind.overridden
    with override_settings(RETENTION_PERIODS={"test.callable": 10}):
        assert kind.period == timedelta(days=10)
        assert kind.overridden
