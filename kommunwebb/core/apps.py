from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "kommunwebb.core"
    label = "core"

    def ready(self):
        from kommunwebb.pagecache.invalidation import register_deadline, register_dependency

        from .models import SiteSettings
        from .visibility import next_page_expiry

        # Every page's footer shows the site settings.
        register_dependency(SiteSettings)
        # A page leaves listings, feeds and its own address the moment it expires.
        register_deadline(next_page_expiry)
