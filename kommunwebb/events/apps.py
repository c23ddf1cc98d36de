from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "kommunwebb.events"
    label = "events"
