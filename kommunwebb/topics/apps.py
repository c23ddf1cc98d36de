from django.apps import AppConfig


class TopicsConfig(AppConfig):
    name = "kommunwebb.topics"
    label = "topics"
