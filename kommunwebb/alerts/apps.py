from datetime import timedelta

from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "kommunwebb.alerts"
    label = "alerts"

    def ready(self):
        from kommunwebb.operations import schedule
        from kommunwebb.pagecache.invalidation import register_deadline, register_dependency

        from .models import Alert, Crisis

        # Every page shows the banner: publishing or unpublishing an alert, or its expiry
        # passing, changes cached pages. (Its go-live is the worker publishing it.) Crisis
        # mode likewise: its banner is on every page, its overview on the home page.
        register_dependency(Alert)
        register_deadline(Alert.objects.next_expiry)
        register_dependency(Crisis)
        register_deadline(Crisis.objects.next_expiry)

        # VMA from Sveriges Radio (or any CAP 1.2 source), every minute (vma.py).
        schedule.register_job(
            "alerts.vma", "kommunwebb.alerts.vma.poll", every=timedelta(minutes=1)
        )
