"""``manage.py sweep_deliveries``: queue again every delivery whose task was lost.

The worker runs this every five minutes by itself; the command is for an operator who
wants it now (after restoring a backup, say). Safe to run at any time.
"""

from django.core.management.base import BaseCommand

from kommunwebb.forms.tasks import sweep


class Command(BaseCommand):
    help = "Queue again every form delivery that is overdue or was left mid-send by a crash."

    def handle(self, *args, **options):
        count = sweep()
        self.stdout.write(f"Queued {count} overdue deliveries.")
