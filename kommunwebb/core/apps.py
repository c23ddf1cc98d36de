from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "kommunwebb.core"
    label = "core"
