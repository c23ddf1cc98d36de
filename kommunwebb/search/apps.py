from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "kommunwebb.search"
    label = "kommunwebb_search"
