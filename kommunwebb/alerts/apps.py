from datetime import timedelta

from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "kommunwebb.alerts"
    label = "alerts"

    def ready(self):
        from django.core.signals import got_request_exception

        from kommunwebb.operations import schedule
        from kommunwebb.pagecache.invalidation import (
            register_after_invalidation,
            register_deadline,
            register_dependency,
        )

        from . import fallback
        from .models import Alert, Crisis

        # Every page shows the banner: publishing or unpublishing an alert, or its expiry
        # passing, changes cached pages. (Its go-live is the worker publishing it.) Crisis
        # mode likewise: its banner is on every page, its overview on the home page.
        register_dependency(Alert)
        register_deadline(Alert.objects.next_expiry)
        register_dependency(Crisis)
        register_deadline(Crisis.objects.next_expiry)

        # Static copies of the crisis page, the home page and the alerts, written after every
        # change so they can be served with the app or the database down (fallback.py).
        register_after_invalidation(fallback.write_fallback_files)
        got_request_exception.connect(
            fallback.note_database_failure, dispatch_uid="alerts-fallback-database"
        )

        # VMA from Sveriges Radio (or any CAP 1.2 source), every minute (vma.py).
        schedule.register_job(
            "alerts.vma", "kommunwebb.alerts.vma.poll", every=timedelta(minutes=1)
        )
