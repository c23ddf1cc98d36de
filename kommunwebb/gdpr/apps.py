from django.apps import AppConfig


class GdprConfig(AppConfig):
    name = "kommunwebb.gdpr"
    label = "gdpr"
    verbose_name = "Dataskydd"
