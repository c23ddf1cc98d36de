"""`make search-eval`: the search evaluation set on SQLite and on PostgreSQL, side by side.

For each database a throwaway copy of the demo site is built (SQLite in a temporary
directory with the embedded profile's settings; PostgreSQL 15 from Debian's package, a
temporary cluster on loopback with the production settings), then ``manage.py
search_eval`` runs the queries of ``kommunwebb/search/evaluation/queries.toml`` on it. This
prints recall@5, MRR and the failing queries for both, and every query whose ranking
differs between the two databases. Exit status 1 if a target is missed or the rankings
differ.

    .venv/bin/python bench/search_eval.py [--only sqlite|postgresql]
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kommunwebb.search.evaluation import meets_targets  # noqa: E402
from kommunwebb.testing import services  # noqa: E402

DATABASES = ("sqlite", "postgresql")


def database_env(database: str, tmp: Path) -> tuple[dict, callable]:
    """The environment for manage.py on a fresh database, and a function that stops it."""
    env = {
        **os.environ,
        "KOMMUNWEBB_VAR_DIR": str(tmp / "var"),
        "PYTHONUNBUFFERED": "1",
        # Searches are never cached here: every query asks the index.
        "KOMMUNWEBB_PAGECACHE": "0",
    }
    env.pop("KOMMUNWEBB_SQLITE_PATH", None)
    (tmp / "var").mkdir(parents=True, exist_ok=True)
    if database == "sqlite":
        env["DJANGO_SETTINGS_MODULE"] = "kommunwebb.settings.dev"
        return env, lambda: None
    base = tmp / "postgresql"
    port = services.free_port()
    services.start_postgresql(base, port, fast=True)
    services.ensure_database(base, port, "kommunwebb", "kommunwebb")
    env.update(
        DJANGO_SETTINGS_MODULE="kommunwebb.settings.production",
        DJANGO_SECRET_KEY="search-eval-only-not-secret",
        DJANGO_ALLOWED_HOSTS="localhost",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DATABASE_NAME="kommunwebb",
        DATABASE_USER="kommunwebb",
        DATABASE_HOST="127.0.0.1",
        DATABASE_PORT=str(port),
    )
    return env, lambda: services.stop_postgresql(base)


def start(database: str, tmp: Path):
    """Start building the demo and evaluating on one database; returns the process, the
    result file and the stop function."""
    env, stop = database_env(database, tmp)
    result = tmp / "result.json"
    manage = f"{sys.executable} manage.py"
    script = " && ".join(
        [
            f"{manage} migrate --noinput -v0",
            f"{manage} load_demo_data --image-size=160x90 >/dev/null",
            f"{manage} search_eval --label {database} --json {result}",
        ]
    )
    process = subprocess.Popen(  # noqa: S602 - a fixed command line built above
        script, shell=True, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
    )
    return process, result, stop


def evaluate(databases=DATABASES) -> tuple[dict[str, dict], dict[str, str]]:
    """{database: the JSON search_eval wrote} and {database: what it printed}, the
    databases built and evaluated at the same time."""
    results, printed, running = {}, {}, []
    tmp_root = Path(tempfile.mkdtemp(prefix="kommunwebb-search-eval-"))
    # PostgreSQL runs as its own user, which must reach its cluster in here.
    tmp_root.chmod(0o711)
    try:
        for database in databases:
            running.append((database, *start(database, tmp_root / database)))
        for database, process, result, _stop in running:
            output, _ = process.communicate()
            printed[database] = output
            if process.returncode == 0 and result.exists():
                results[database] = json.loads(result.read_text())
    finally:
        for _database, _process, _result, stop in running:
            stop()
        shutil.rmtree(tmp_root, ignore_errors=True)
    return results, printed


def differences(results: dict[str, dict]) -> list[str]:
    """The queries whose rankings differ between the databases."""
    if len(results) < 2:
        return []
    first, second = (results[database]["rankings"] for database in DATABASES)
    return sorted(query for query in first if first[query] != second.get(query))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=DATABASES)
    args = parser.parse_args()
    databases = [args.only] if args.only else list(DATABASES)
    if "postgresql" in databases and not services.postgresql_available():
        print("search eval: PostgreSQL 15 is not installed (apt-get install postgresql)")
        return 1
    results, printed = evaluate(databases)
    ok = True
    for database in databases:
        print(printed.get(database, "").rstrip())
        if database not in results:
            print(f"search eval: {database} run failed")
            ok = False
        elif not meets_targets(results[database]["summary"]):
            ok = False
    if len(databases) == 2 and len(results) == 2:
        differing = differences(results)
        if differing:
            ok = False
            print(f"search eval: {len(differing)} queries ranked differently on the two databases:")
            for query in differing:
                print(f"    {query!r}: sqlite {results['sqlite']['rankings'][query][:5]}")
                print(
                    f"    {' ' * len(repr(query))}  postgresql "
                    f"{results['postgresql']['rankings'][query][:5]}"
                )
        else:
            print(
                f"search eval: both databases return the same pages in the same order for all "
                f"{len(results['sqlite']['rankings'])} queries"
            )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
