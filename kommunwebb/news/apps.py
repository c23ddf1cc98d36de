from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "kommunwebb.news"
    label = "news"
