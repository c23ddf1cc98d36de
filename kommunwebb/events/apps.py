from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "kommunwebb.events"
    label = "events"

    def ready(self):
        from kommunwebb.pagecache.invalidation import register_deadline, register_dependency

        from .models import EventCategory, EventOccurrence

        # Occurrences change with their page's publishing; only the clock needs telling.
        register_deadline(EventOccurrence.objects.next_change)
        # A renamed category changes the calendar's filter and every event that has it.
        register_dependency(EventCategory)
