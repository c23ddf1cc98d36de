"""The demo's residents' languages: the "Andra språk" and "Lättläst" hubs, the key pages in
English, Finnish and Arabic, and the air quality article in Lättläst (issue 16)."""

from wagtail.fields import StreamField
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from kommunwebb.languages.models import EasyReadIndexPage, EasyReadPage, LanguagesPage

from . import languages_content as content

TRANSLATED = ("akut", "kontakt", "about")


def add_languages(loader):
    hub = loader._add(
        "languages",
        "home",
        LanguagesPage(
            title=content.LANGUAGES_PAGE["title"],
            slug=content.LANGUAGES_PAGE["slug"],
            intro=content.LANGUAGES_PAGE["intro"],
        ),
    )
    loader._publish(hub, days_ago=30)
    _add_easy_read(loader)
    for code in content.LANGUAGES:
        locale, _created = Locale.objects.get_or_create(language_code=code)
        # The home page first: it is the root of the language's tree and its hub.
        _translate(loader, locale, "home", content.HOME[code], body=False)
        # Then the pages above the translated ones, each before its children.
        for key, data in content.PARENTS.items():
            _translate(loader, locale, key, data[code], body=False, hub=True)
        for key in TRANSLATED:
            _translate(loader, locale, key, content.PAGES[key][code])


def _translate(loader, locale, key, data, body=True, hub=False):
    """What "Översätt sidan" in the admin does (wagtail-localize), then the translated text
    filled in and published as the demo's own revision. (wagtail-localize publishes its copy
    when the transaction commits; the demo loads in one transaction, so it saves a draft.)
    A ``hub`` keeps only its title and intro in the language, above the translated pages:
    the Swedish page's content blocks and news are left out rather than shown in Swedish."""
    source = loader.pages[key]
    translation_source, _created = TranslationSource.get_or_create_from_instance(source)
    # Written whole (here, by the demo) rather than string by string in wagtail-localize's
    # editor, so not "synced": editors edit it as an ordinary page, and a sync from the
    # Swedish page does not overwrite it with Swedish text.
    Translation.objects.update_or_create(
        source=translation_source, target_locale=locale, defaults={"enabled": False}
    )
    translation_source.create_or_update_translation(
        locale, publish=False, fallback=True, copy_parent_pages=True
    )
    page = source.get_translation(locale).specific
    page.title = data["title"]
    page.slug = data.get("slug", page.slug)
    page.intro = data["intro"]
    if body:
        page.body = loader._stream(data["body"])
    if hub:
        for field in page._meta.get_fields():
            if isinstance(field, StreamField):
                setattr(page, field.name, [])
        if hasattr(page, "topic_id"):
            page.topic = None
    page.save()
    loader._publish(page, days_ago=20)
    loader.pages[f"{key}:{locale.language_code}"] = page


def _add_easy_read(loader):
    data = content.EASY_READ_INDEX
    index = loader._add(
        "easy_read",
        "home",
        EasyReadIndexPage(title=data["title"], slug=data["slug"], intro=data["intro"]),
    )
    loader._publish(index, days_ago=30)
    data = content.EASY_READ_ARTICLE
    page = loader._add(
        "easy_read:luft",
        "easy_read",
        EasyReadPage(
            title=data["title"],
            slug=data["slug"],
            intro=data["intro"],
            original=loader.pages[data["original"]],
        ),
    )
    page.body = loader._stream(data["body"])
    loader._publish(page, days_ago=3)
