"""Which translations are out of date: the Swedish page has been published since its
translations were last synced (wagtail-localize's "Synka översättningar")."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource


@dataclass
class OutOfDate:
    page: Page
    source: TranslationSource
    locales: list[Locale]


def out_of_date() -> list[OutOfDate]:
    """Pages published after their translations were synced, each with the locales whose
    translation wagtail-localize keeps in step (those "synced", not written by hand)."""
    page_types = ContentType.objects.filter(pk__in=Page.objects.values("content_type")).values("pk")
    sources = {
        source.object_id: source
        for source in TranslationSource.objects.filter(specific_content_type__in=page_types)
    }
    if not sources:
        return []
    pages = Page.objects.filter(
        translation_key__in=list(sources),
        locale_id__in=[source.locale_id for source in sources.values()],
        live=True,
    ).exclude(last_published_at__isnull=True)
    result = []
    for page in pages.order_by("title"):
        source = sources[page.translation_key]
        if page.locale_id != source.locale_id or page.last_published_at <= source.last_updated_at:
            continue
        locales = [
            translation.target_locale
            for translation in Translation.objects.filter(source=source, enabled=True)
            .select_related("target_locale")
            .order_by("target_locale__language_code")
        ]
        if locales:
            result.append(OutOfDate(page=page, source=source, locales=locales))
    return result
