from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "kommunwebb.demo"
    label = "demo"
