"""Databases migrated (and the demo loaded) once per test session, and copied for each use.

Django's ``migrate`` renders the states of ~290 migrations: 45 seconds on a quiet CI machine
and twice that under load, and the demo load costs another 30. Test fixtures that start
servers of their own (the demo server, the crash and worker installations, the production
stacks) each paid that. Now the first one builds and the rest copy:

* SQLite: the test database itself, copied as soon as pytest-django has migrated it, or (on
  the PostgreSQL pass, which has none) one ``migrate`` into a file;
* PostgreSQL: the PostgreSQL pass's migrated test database, or the first production stack's
  database after its ``migrate``, kept with ``pg_dump`` and restored with ``pg_restore``;
* the demo site: the whole var/ directory (database, media, search files) after
  ``load_demo_data``, per environment that shapes it.

Snapshots live in a directory made for one pytest session (``KOMMUNWEBB_TEST_SNAPSHOTS``,
set by kommunwebb/conftest.py), so a snapshot never outlives the code that built it. Every
settings module has the same installed apps (tests, development, production), so a database
migrated under one is migrated for all."""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from kommunwebb.testing import services

ENV_DIR = "KOMMUNWEBB_TEST_SNAPSHOTS"
# Where a var/ directory's contents come from, not what is in it.
NOT_COPIED = {"log", "server.log", "worker.log"}


def directory() -> Path | None:
    value = os.environ.get(ENV_DIR)
    return Path(value) if value else None


def _path(name: str) -> Path | None:
    base = directory()
    return base / name if base else None


def fully_migrated(connection) -> bool:
    """Whether ``connection``'s database has every migration applied (and exists at all)."""
    from django.db.migrations.executor import MigrationExecutor

    if "django_migrations" not in connection.introspection.table_names():
        return False
    executor = MigrationExecutor(connection)
    return not executor.migration_plan(executor.loader.graph.leaf_nodes())


# --- SQLite --------------------------------------------------------------------------------


def keep_sqlite(database: Path) -> None:
    """Keep ``database`` (just migrated, nothing else in it) as the migrated SQLite snapshot."""
    target = _path("migrated.sqlite3")
    if target is None or target.exists():
        return
    _copy_sqlite(database, target)


def migrated_sqlite(database: Path, env: dict) -> None:
    """Make ``database`` a migrated SQLite database: a copy of the snapshot, built first by one
    ``migrate`` with ``env``'s settings when there is none yet."""
    snapshot = _path("migrated.sqlite3")
    if snapshot is not None and snapshot.exists():
        _copy_sqlite(snapshot, database)
        return
    var = database.parent
    services.manage("migrate", "--noinput", "-v0", env={**env, "KOMMUNWEBB_VAR_DIR": str(var)})
    if snapshot is not None:
        _copy_sqlite(var / "db.sqlite3", snapshot)
        if database != var / "db.sqlite3":
            _copy_sqlite(snapshot, database)


def _copy_sqlite(source: Path, target: Path) -> None:
    # SQLite's backup API: a consistent copy even of a database another process has open.
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def demo_var(var: Path, env: dict) -> None:
    """Fill ``var`` (a ``KOMMUNWEBB_VAR_DIR``) with the demo site on SQLite, as ``migrate`` and
    ``load_demo_data`` with ``env`` would leave it."""
    snapshot = _path(f"demo-{_environment_key(env)}")
    if snapshot is None:
        _build_demo_var(var, env)
        return
    if not snapshot.exists():
        building = snapshot.with_name(snapshot.name + ".building")
        shutil.rmtree(building, ignore_errors=True)
        building.mkdir(parents=True)
        _build_demo_var(building, env)
        building.rename(snapshot)
    copy_var(snapshot, var)


def copy_var(source: Path, var: Path) -> None:
    """Copy a var/ directory's contents (not its logs), a SQLite database in it consistently."""
    var.mkdir(parents=True, exist_ok=True)
    for entry in source.iterdir():
        if entry.name in NOT_COPIED:
            continue
        if entry.name == "db.sqlite3":
            _copy_sqlite(entry, var / entry.name)
        elif entry.is_dir():
            shutil.copytree(entry, var / entry.name, dirs_exist_ok=True)
        else:
            shutil.copy2(entry, var / entry.name)


def _build_demo_var(var: Path, env: dict) -> None:
    env = {**env, "KOMMUNWEBB_VAR_DIR": str(var)}
    migrated_sqlite(var / "db.sqlite3", env)
    services.manage("load_demo_data", env=env)


def _environment_key(env: dict) -> str:
    """What of ``env`` may shape the demo: the settings module and Kommunwebb's variables
    (not the var/ directory it is built in)."""
    shaping = {
        name: value
        for name, value in env.items()
        if name == "DJANGO_SETTINGS_MODULE"
        or (name.startswith("KOMMUNWEBB_") and name not in {"KOMMUNWEBB_VAR_DIR", ENV_DIR})
    }
    return hashlib.sha256(json.dumps(shaping, sort_keys=True).encode()).hexdigest()[:16]


# --- PostgreSQL ------------------------------------------------------------------------------


def keep_postgresql(settings_dict: dict) -> None:
    """Keep the database Django's ``settings_dict`` names (just migrated, nothing else in it)
    as the migrated PostgreSQL snapshot."""
    target = _path("migrated.pgdump")
    if target is None or target.exists():
        return
    _pg_dump(
        target,
        {
            "host": settings_dict.get("HOST") or "127.0.0.1",
            "port": settings_dict.get("PORT") or "5432",
            "name": settings_dict["NAME"],
            "user": settings_dict.get("USER") or "postgres",
            "password": settings_dict.get("PASSWORD") or "",
        },
    )


def migrated_postgresql(env: dict) -> None:
    """Make the (empty) database ``env`` points at a migrated one: the snapshot restored, or one
    ``migrate`` kept as the snapshot when there is none yet."""
    snapshot = _path("migrated.pgdump")
    if snapshot is not None and snapshot.exists():
        restore_postgresql(snapshot, env)
        return
    services.manage("migrate", "--noinput", "-v0", env=env)
    if snapshot is not None:
        dump_postgresql(snapshot, env)


def restore_postgresql(dump: Path, env: dict) -> None:
    """Restore ``dump`` (``pg_dump -Fc``) into the empty database ``env`` points at."""
    _pg(
        "pg_restore",
        ["--no-owner", "--no-privileges", "--exit-on-error", "-d", env["DATABASE_NAME"], dump],
        _connection(env),
    )


def dump_postgresql(target: Path, env: dict) -> None:
    """Keep the database ``env`` points at in ``target`` (``pg_dump -Fc``)."""
    _pg_dump(target, _connection(env))


def _connection(env: dict) -> dict:
    return {
        "host": env.get("DATABASE_HOST") or "127.0.0.1",
        "port": env["DATABASE_PORT"],
        "name": env["DATABASE_NAME"],
        "user": env["DATABASE_USER"],
        "password": env.get("DATABASE_PASSWORD", ""),
    }


def _pg_dump(target: Path, connection: dict) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    building = target.with_name(target.name + ".building")
    _pg(
        "pg_dump",
        ["-Fc", "--no-owner", "--no-privileges", "-f", building, connection["name"]],
        connection,
    )
    building.rename(target)


def _pg(tool: str, args: list, connection: dict) -> None:
    subprocess.run(
        [
            str(services.PG_BIN / tool),
            "-h",
            connection["host"],
            "-p",
            str(connection["port"]),
            "-U",
            connection["user"],
            *map(str, args),
        ],
        env={**os.environ, "PGPASSWORD": connection["password"]},
        check=True,
        capture_output=True,
        timeout=300,
    )
