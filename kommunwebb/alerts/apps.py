from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "kommunwebb.alerts"
    label = "alerts"

    def ready(self):
        from kommunwebb.pagecache.invalidation import register_deadline, register_dependency

        from .models import Alert

        # Every page shows the banner: publishing or unpublishing an alert, or its expiry
        # passing, changes cached pages. (Its go-live is the worker publishing it.)
        register_dependency(Alert)
        register_deadline(Alert.objects.next_expiry)
