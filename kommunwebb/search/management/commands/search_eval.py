"""``manage.py search_eval``: the search evaluation set on this database (the demo must be
loaded). ``--json FILE`` also writes every query's ranking, which ``bench/search_eval.py``
compares between SQLite and PostgreSQL."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand
from django.db import connection

from kommunwebb.search import evaluation


class Command(BaseCommand):
    help = "Run the search evaluation set and print recall@5, MRR and the failing queries."

    def add_arguments(self, parser):
        parser.add_argument("--json", help="write the rankings and figures to this file")
        parser.add_argument("--label", default=connection.vendor)

    def handle(self, *args, **options):
        outcomes = evaluation.run()
        self.stdout.write(evaluation.report(outcomes, options["label"]))
        if options["json"]:
            Path(options["json"]).write_text(
                json.dumps(
                    {
                        "summary": evaluation.summary(outcomes),
                        "rankings": {o.case.query: o.ranked for o in outcomes},
                        "corrected": {o.case.query: o.corrected for o in outcomes},
                    },
                    ensure_ascii=False,
                    indent=1,
                )
            )
