"""The demo site the benchmarks start from, built once per state of the code.

A benchmark measures serving, not setting up: `migrate` (about 45 s on a quiet machine,
rendering ~290 migration states) and `load_demo_data` (about 30 s) took most of a
`bench/pages.py` run, twice (SQLite and PostgreSQL). They are built once and kept in
`var/bench/<key>/`, where the key is a hash of what can shape them: the project's code,
migrations, templates and demo content (everything under kommunwebb/ but the tests) and
`requirements.lock`. Change any of it and the next run builds again; `--fresh` (or deleting
var/bench/) forces it. Each run works on copies, so what a run does (views counted,
articles published) never reaches the next one.

The copies are made with kommunwebb/testing/snapshots.py, which keeps the test suite's
snapshots the same way: a SQLite var/ directory copied with SQLite's backup API, a
PostgreSQL database with `pg_dump -Fc` / `pg_restore`.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from kommunwebb.testing import services, snapshots

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "var" / "bench"


def key() -> str:
    digest = hashlib.sha256()
    files = [ROOT / "requirements.lock"]
    files += sorted(
        path
        for path in (ROOT / "kommunwebb").rglob("*")
        if path.is_file()
        and "tests" not in path.parts
        and "__pycache__" not in path.parts
        and path.suffix not in {".pyc", ".mo"}
    )
    for path in files:
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def use(fresh: bool = False) -> Path:
    """Make this process's snapshots (and its children's) live in var/bench/<key>/, the
    other keys' directories removed; ``fresh`` starts that directory empty."""
    directory = CACHE / key()
    if CACHE.exists():
        for other in CACHE.iterdir():
            if other != directory or fresh:
                shutil.rmtree(other, ignore_errors=True)
    directory.mkdir(parents=True, exist_ok=True)
    os.environ[snapshots.ENV_DIR] = str(directory)
    return directory


def embedded_demo(var: Path, env: dict) -> None:
    """``var`` filled with the demo site on SQLite (built into the cache the first time)."""
    snapshots.demo_var(var, env)


def production_demo(profile) -> None:
    """The production profile's PostgreSQL started, with the demo site loaded, and its var/
    (media, the compiled lexicon) in place, so that ``profile.up(load_demo=False)`` finds
    both ready (its `migrate` then has nothing to do)."""
    env = profile.env()
    services.start_postgresql(profile.pg, profile.pg_port, password=env["DATABASE_PASSWORD"])
    services.ensure_database(
        profile.pg, profile.pg_port, "kommunwebb", "kommunwebb", env["DATABASE_PASSWORD"]
    )
    directory = snapshots.directory()
    dump, var = directory / "production-demo.pgdump", directory / "production-demo-var"
    if dump.exists() and var.exists():
        snapshots.restore_postgresql(dump, env)
        snapshots.copy_var(var, profile.app_var)
        return
    profile.app_var.mkdir(parents=True, exist_ok=True)
    snapshots.migrated_postgresql(env)
    services.manage("load_demo_data", env=env)
    building = var.with_name(var.name + ".building")
    shutil.rmtree(building, ignore_errors=True)
    snapshots.copy_var(profile.app_var, building)
    snapshots.dump_postgresql(dump, env)
    building.rename(var)
