from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "kommunwebb.core"
    label = "core"

    def ready(self):
        from kommunwebb.pagecache.invalidation import register_dependency

        from .models import SiteSettings

        # Every page's footer shows the site settings.
        register_dependency(SiteSettings)
