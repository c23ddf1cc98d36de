from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "kommunwebb.pagecache"
    label = "pagecache"

    def ready(self):
        from . import invalidation

        invalidation.connect_signals()
