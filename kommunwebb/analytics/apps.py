from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalyticsConfig(AppConfig):
    name = "kommunwebb.analytics"
    label = "analytics"
    verbose_name = _("Besöksstatistik")

    def ready(self):
        self._connect_page_cache()
        self._register_popular_pages()
        self._register_retention()
        self._schedule_rollup()

    def _connect_page_cache(self):
        # The page cache's middleware sends page_served for every public page it answers,
        # from the cache or rendered, and with the cache switched off too.
        from kommunwebb.pagecache.signals import page_served

        from .counting import on_page_served

        page_served.connect(on_page_served, dispatch_uid="kommunwebb.analytics.page_served")

    def _register_popular_pages(self):
        # After a publish the page cache renders the most viewed pages again before
        # visitors ask (docs/performance.md).
        from kommunwebb.pagecache.varnish import register_popular

        from .pages import most_viewed_paths

        register_popular(most_viewed_paths)

    def _schedule_rollup(self):
        from datetime import timedelta

        from kommunwebb.operations import schedule

        # Keeps today's numbers on the dashboard at most this old. The purge of raw events
        # (the retention registry's daily job) rolls up whatever is pending first anyway.
        schedule.register_job(
            "analytics.rollup",
            "kommunwebb.analytics.rollup.scheduled_rollup",
            every=timedelta(minutes=15),
        )

    def _register_retention(self):
        from kommunwebb.retention.registry import register

        from . import rollup

        register(
            "analytics.raw_events",
            label=_("Rådata för besöksstatistik"),
            period=rollup.raw_retention,
            purge=rollup.purge_raw,
            count=rollup.count_raw,
            describe=_(
                "Sidvisningar per timme och, från besökare som godkänt statistik, varje "
                "sidvisning med sidans laddtider och en slumpad besökarkod. Sammanställs "
                "per dag och gallras sedan efter 30 dagar."
            ),
        )
        register(
            "analytics.daily_aggregates",
            label=_("Besöksstatistik per dag"),
            period=rollup.aggregate_retention,
            purge=rollup.purge_aggregates,
            count=rollup.count_aggregates,
            describe=_(
                "Antal sidvisningar, besökare och besök samt laddtider per sida och dag, "
                "utan någon uppgift om enskilda besökare. Sparas i 25 månader så att man "
                "kan jämföra med samma tid förra året."
            ),
        )
