from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "kommunwebb.alerts"
    label = "alerts"

    def ready(self):
        from kommunwebb.pagecache.invalidation import register_deadline, register_dependency

        from .models import Alert

        # Every page shows the banner: editing an alert, or its start or end passing, changes
        # cached pages.
        register_dependency(Alert)
        register_deadline(Alert.objects.next_window_change)
