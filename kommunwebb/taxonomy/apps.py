from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaxonomyConfig(AppConfig):
    """The site's managed vocabulary: the topics ("Ämnen") the web editor curates and every
    listing, feed and search filter uses."""

    name = "kommunwebb.taxonomy"
    label = "taxonomy"
    verbose_name = _("Ämnen")

    def ready(self):
        from kommunwebb.pagecache.invalidation import register_dependency

        from .models import Topic

        # Topic names show on articles, listings and topic pages.
        register_dependency(Topic)
