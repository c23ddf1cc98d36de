from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "kommunwebb.home"
    label = "home"
