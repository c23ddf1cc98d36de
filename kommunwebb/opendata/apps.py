from django.apps import AppConfig


class OpenDataConfig(AppConfig):
    name = "kommunwebb.opendata"
    label = "opendata"
    verbose_name = "Öppna data"

    def ready(self):
        from kommunwebb.opendata.api import declare_api_fields

        declare_api_fields()
