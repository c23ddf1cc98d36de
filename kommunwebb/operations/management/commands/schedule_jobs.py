from django.core.management.base import BaseCommand

from kommunwebb.core import dates
from kommunwebb.operations import schedule


class Command(BaseCommand):
    help = (
        "Queue the first run of every recurring job (the daily purge among them) that has "
        "none queued. Idempotent: run it before starting the task worker."
    )

    def handle(self, *args, **options):
        for job, when, created in schedule.ensure_scheduled():
            local = dates.numeric_datetime(when) if when else ""
            if when is None:
                self.stdout.write(
                    f"{job.name}: not queued, the task backend cannot defer tasks "
                    "(use django_tasks_db.DatabaseBackend)"
                )
            elif created:
                self.stdout.write(f"{job.name}: first run queued for {local}")
            else:
                self.stdout.write(f"{job.name}: next run already queued for {local}")
