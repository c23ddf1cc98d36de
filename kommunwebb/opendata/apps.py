from django.apps import AppConfig


class OpenDataConfig(AppConfig):
    name = "kommunwebb.opendata"
    label = "opendata"
    verbose_name = "Öppna data"
