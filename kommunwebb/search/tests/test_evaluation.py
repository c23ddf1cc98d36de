"""The evaluation set (issue 14 part 6) on the demo site, on SQLite and PostgreSQL at once:
both meet the targets, and both return the same pages in the same order for every query.

It builds the demo twice in subprocesses (``bench/search_eval.py``, what ``make
search-eval`` runs), so it runs once, in the SQLite pass of the suite; it starts its own
PostgreSQL 15 (CI installs it; a skip there is a failure)."""

import importlib.util
from pathlib import Path

import pytest

from kommunwebb.conftest import need
from kommunwebb.search import compounds
from kommunwebb.search.evaluation import load, meets_targets
from kommunwebb.testing import services

SCRIPT = Path(__file__).resolve().parents[3] / "bench" / "search_eval.py"


def test_the_set_has_sixty_queries_or_more_of_every_kind():
    cases = load()
    assert len(cases) >= 60
    assert {case.kind for case in cases} >= {
        "inflection",
        "compound",
        "compound-query",
        "typo",
        "synonym",
        "multi-word",
        "english",
    }
    assert all(case.expect and all(path.startswith("/") for path in case.expect) for case in cases)


@pytest.mark.both_databases
def test_both_databases_meet_the_targets_and_rank_alike():
    need(services.postgresql_available(), "PostgreSQL 15 is not installed")
    need(compounds.dictionary_path() is not None, "hunspell-sv is not installed")
    spec = importlib.util.spec_from_file_location("search_eval", SCRIPT)
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)

    results, printed = script.evaluate()
    assert set(results) == {"sqlite", "postgresql"}, printed
    for database, result in results.items():
        assert meets_targets(result["summary"]), printed[database]
    assert script.differences(results) == [], printed
