from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "kommunwebb.alerts"
    label = "alerts"
