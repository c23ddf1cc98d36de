from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "kommunwebb.events"
    label = "events"

    def ready(self):
        from kommunwebb.pagecache.invalidation import register_deadline

        from .models import EventOccurrence

        # Occurrences change with their page's publishing; only the clock needs telling.
        register_deadline(EventOccurrence.objects.next_change)
