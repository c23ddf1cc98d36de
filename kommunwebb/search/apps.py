from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Zero-hit queries are kept as long as the analytics app keeps its raw events (contract C4),
# including any RETENTION_PERIODS override of that kind; 30 days if analytics is absent.
ANALYTICS_RAW_KIND = "analytics.raw_events"
DEFAULT_PERIOD = timedelta(days=30)


def zero_result_period() -> timedelta:
    from kommunwebb.retention import registry

    try:
        return registry.get_kind(ANALYTICS_RAW_KIND).period
    except KeyError:
        return DEFAULT_PERIOD


def purge_zero_results(cutoff, batch_size):
    from django.utils import timezone

    from kommunwebb.retention.purging import purge_queryset
    from kommunwebb.search.models import ZeroResultQuery

    # Rows are per day: a day goes when all of it is older than the cutoff.
    day = timezone.localdate(cutoff)
    return purge_queryset(ZeroResultQuery.objects.filter(day__lt=day), batch_size)


def purge_statistics(cutoff, batch_size):
    from django.utils import timezone

    from kommunwebb.retention.purging import purge_queryset
    from kommunwebb.search.models import SearchQueryDay, SuggestionChoice

    # Rows are per day: a day goes when all of it is older than the cutoff.
    day = timezone.localdate(cutoff)
    yield from purge_queryset(SearchQueryDay.objects.filter(day__lt=day), batch_size)
    yield from purge_queryset(SuggestionChoice.objects.filter(day__lt=day), batch_size)


def count_statistics(cutoff):
    from django.utils import timezone

    from kommunwebb.search.models import SearchQueryDay, SuggestionChoice

    day = timezone.localdate(cutoff)
    return (
        SearchQueryDay.objects.filter(day__lt=day).count()
        + SuggestionChoice.objects.filter(day__lt=day).count()
    )


def count_zero_results(cutoff):
    from django.utils import timezone

    from kommunwebb.search.models import ZeroResultQuery

    return ZeroResultQuery.objects.filter(day__lt=timezone.localdate(cutoff)).count()


class SearchConfig(AppConfig):
    name = "kommunwebb.search"
    label = "kommunwebb_search"
    verbose_name = _("Sök")

    def ready(self):
        from wagtail.contrib.search_promotions.models import SearchPromotion

        from kommunwebb.pagecache.invalidation import register_dependency
        from kommunwebb.pagecache.varnish import register_log_record
        from kommunwebb.retention.registry import register
        from kommunwebb.search import stats
        from kommunwebb.search.models import SynonymGroup

        # Search results are cached per content generation (cache.py): a changed synonym
        # group or promoted result must start a new one, as a published page does.
        register_dependency(SynonymGroup)
        register_dependency(SearchPromotion)
        # Searches Varnish answers from its cache are counted from its log (views.py).
        register_log_record("kws", stats.record_cached, flush=stats.flush)

        register(
            "search.zero_results",
            label=_("Sökningar utan träffar"),
            period=zero_result_period,
            purge=purge_zero_results,
            count=count_zero_results,
            describe=_(
                "Sökord som inte gav någon träff och hur många gånger per dag, utan uppgift "
                "om vem som sökte. Gallras lika som statistikens rådata."
            ),
        )
        register(
            "search.statistics",
            label=_("Sökstatistik"),
            period=zero_result_period,
            purge=purge_statistics,
            count=count_statistics,
            describe=_(
                "Vad som söktes och vilka förslag som valdes, räknat per dag, utan uppgift "
                "om vem som sökte. Gallras lika som statistikens rådata."
            ),
        )
