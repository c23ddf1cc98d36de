"""Translating a page side by side with wagtail-localize on Wagtail 8, through the admin's
own views: submit the Swedish page for translation, translate its strings as the editor's
side-by-side view does, publish, change the Swedish page, see the translation is out of date,
and sync it."""

from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from kommunwebb.core.models import StandardPage
from kommunwebb.languages.translations import out_of_date

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(db):
    return Locale.objects.create(language_code="en")


@pytest.fixture
def swedish_page(home):
    page = StandardPage(title="Kontakta kommunen", slug="kontakta-oss", intro="Ring oss.")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("redaktor", "r@example.org", "x" * 12)
    client.force_login(user)
    return client


def translate_home_and(page, locale, editor, commit):
    """The admin's "Översätt" on the home page and then on ``page``."""
    for item in (page.get_parent(), page):
        with commit():
            response = editor.post(
                reverse("wagtail_localize:submit_page_translation", args=[item.pk]),
                {"locales": [locale.pk]},
            )
        assert response.status_code == 302, response.content[:500]
    return page.get_translation(locale).specific


def test_a_page_is_translated_side_by_side_and_published(swedish_page, english, editor, commit):
    translated = translate_home_and(swedish_page, english, editor, commit)
    assert translated.locale == english
    assert translated.url.startswith("/en/")

    translation = Translation.objects.get(
        source__object_id=swedish_page.translation_key, target_locale=english
    )
    # The side-by-side editor opens in place of Wagtail's page editor.
    response = editor.get(reverse("wagtailadmin_pages:edit", args=[translated.pk]))
    assert response.status_code == 200
    assert b"js-translation-editor" in response.content

    english_texts = {"Kontakta kommunen": "Contact the municipality", "Ring oss.": "Call us."}
    for segment in StringSegment.objects.filter(source=translation.source):
        text = segment.string.data
        if text in english_texts:
            response = editor.put(
                reverse(
                    "wagtail_localize:edit_string_translation",
                    args=[translation.pk, segment.pk],
                ),
                urlencode({"value": english_texts[text]}),
                content_type="application/x-www-form-urlencoded",
            )
            assert response.status_code == 201, response.content[:500]
    with commit():
        translation.save_target(publish=True)

    translated.refresh_from_db()
    assert translated.live
    assert translated.title == "Contact the municipality"
    assert translated.intro == "Call us."
    response = editor.get(translated.url)
    assert response.status_code == 200
    assert b'lang="en"' in response.content


def test_a_changed_swedish_page_makes_its_translation_out_of_date_until_synced(
    swedish_page, english, editor, commit
):
    translate_home_and(swedish_page, english, editor, commit)
    source = TranslationSource.objects.get(object_id=swedish_page.translation_key)
    assert swedish_page.pk not in {item.page.pk for item in out_of_date()}

    swedish_page.intro = "Ring eller mejla oss."
    swedish_page.save_revision().publish()
    stale = out_of_date()
    assert [item.page.pk for item in stale] == [swedish_page.pk]
    assert [locale.language_code for locale in stale[0].locales] == ["en"]

    with commit():
        response = editor.post(
            reverse("wagtail_localize:update_translations", args=[source.pk]),
            {"publish_translations": "on"},
        )
    assert response.status_code == 302
    assert swedish_page.pk not in {item.page.pk for item in out_of_date()}
    # The new Swedish sentence waits for a translator; until then the Swedish shows.
    assert Page.objects.get(pk=swedish_page.get_translation(english).pk).specific.intro == (
        "Ring eller mejla oss."
    )


def test_the_report_lists_pages_whose_translations_are_out_of_date(
    swedish_page, english, editor, commit
):
    translate_home_and(swedish_page, english, editor, commit)
    url = reverse("languages_translations_to_update")

    def rows():
        response = editor.get(url)
        assert response.status_code == 200
        table = BeautifulSoup(response.content, "html.parser").select("table.listing tbody tr")
        return [[cell.get_text(strip=True) for cell in row.select("td")][:2] for row in table]

    assert rows() == []
    swedish_page.intro = "Ring eller mejla oss."
    swedish_page.save_revision().publish()
    assert rows() == [["Kontakta kommunen", "English"]]
    html = editor.get(url).content.decode()
    source = TranslationSource.objects.get(object_id=swedish_page.translation_key)
    assert reverse("wagtail_localize:update_translations", args=[source.pk]) in html


def test_the_report_is_refused_to_a_user_without_page_permissions(client, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("utan", "u@example.org", "x" * 12)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get(reverse("languages_translations_to_update"))
    # Wagtail's admin answers a refusal by sending the editor back to the dashboard.
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
