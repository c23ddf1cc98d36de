"""The search evaluation: the queries in ``queries.toml`` run through the same code as the
search page (``query.answer``: synonyms, compounds, "Menade du" in place of nothing), and
measured against the pages that should come first.

* recall@5: of the pages a query expects, the share among its first five results;
* MRR: 1 / the rank of the first expected page (0 if none is in the first ten);

both averaged over the queries. The targets (issue 14) are recall@5 ≥ 0.95 and MRR ≥ 0.85.
``manage.py search_eval`` runs it on the database at hand; ``make search-eval``
(``bench/search_eval.py``) on SQLite and PostgreSQL side by side, and compares the two
rankings.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

QUERIES = Path(__file__).with_name("queries.toml")
DEPTH = 10
TARGET_RECALL = 0.95
TARGET_MRR = 0.85


@dataclass(frozen=True)
class Case:
    query: str
    kind: str
    expect: tuple[str, ...]


@dataclass
class Outcome:
    case: Case
    ranked: list[str]  # paths of the first DEPTH results
    corrected: str = ""  # the correction shown in place of no results
    recall: float = field(init=False)
    reciprocal_rank: float = field(init=False)

    def __post_init__(self):
        top = self.ranked[:5]
        self.recall = sum(path in top for path in self.case.expect) / len(self.case.expect)
        rank = next((i for i, path in enumerate(self.ranked, 1) if path in self.case.expect), 0)
        self.reciprocal_rank = 1 / rank if rank else 0.0

    @property
    def failed(self) -> bool:
        return self.recall < 1 or self.reciprocal_rank < 1


def load(path: Path = QUERIES) -> list[Case]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [Case(item["q"], item.get("kind", ""), tuple(item["expect"])) for item in data["query"]]


def site_path(page, root_path: str) -> str:
    """A page's path under the site's root page ("/start/nyheter/x/" → "/nyheter/x/")."""
    return "/" + page.url_path[len(root_path) :]


def run(cases: list[Case] | None = None) -> list[Outcome]:
    from wagtail.models import Site

    from kommunwebb.search import query as search_query

    cases = load() if cases is None else cases
    site = Site.objects.get(is_default_site=True)
    root_path = site.root_page.url_path
    outcomes = []
    for case in cases:
        answer = search_query.answer(case.query, per_page=DEPTH)
        ranked = [site_path(page, root_path) for page in answer.page.object_list]
        corrected = answer.search.query if answer.corrected else ""
        outcomes.append(Outcome(case, ranked, corrected))
    return outcomes


def summary(outcomes: list[Outcome]) -> dict:
    count = len(outcomes) or 1
    return {
        "queries": len(outcomes),
        "recall_at_5": sum(o.recall for o in outcomes) / count,
        "mrr": sum(o.reciprocal_rank for o in outcomes) / count,
    }


def meets_targets(numbers: dict) -> bool:
    return numbers["recall_at_5"] >= TARGET_RECALL and numbers["mrr"] >= TARGET_MRR


def report(outcomes: list[Outcome], label: str) -> str:
    numbers = summary(outcomes)
    verdict = "meets" if meets_targets(numbers) else "DOES NOT MEET"
    lines = [
        f"{label}: {numbers['queries']} queries, recall@5 {numbers['recall_at_5']:.3f}, "
        f"MRR {numbers['mrr']:.3f} ({verdict} the targets recall@5 ≥ {TARGET_RECALL}, "
        f"MRR ≥ {TARGET_MRR})"
    ]
    kinds: dict[str, list[Outcome]] = {}
    for outcome in outcomes:
        kinds.setdefault(outcome.case.kind, []).append(outcome)
    for kind, group in kinds.items():
        numbers = summary(group)
        lines.append(
            f"  {kind:<15} {numbers['queries']:>3} queries  recall@5 "
            f"{numbers['recall_at_5']:.3f}  MRR {numbers['mrr']:.3f}"
        )
    failing = [outcome for outcome in outcomes if outcome.failed]
    lines.append(
        f"  queries that miss an expected page in the first five or rank it below 1: {len(failing)}"
    )
    for outcome in failing:
        shown = outcome.corrected and f" (shown: {outcome.corrected})"
        lines.append(
            f"    {outcome.case.query!r}{shown}: recall@5 {outcome.recall:.2f}, "
            f"RR {outcome.reciprocal_rank:.2f}; expected {list(outcome.case.expect)}; "
            f"got {outcome.ranked[:5]}"
        )
    return "\n".join(lines)
