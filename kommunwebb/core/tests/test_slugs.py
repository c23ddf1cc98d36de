"""Addresses residents can share: new slugs are plain ASCII, and a page whose address
changes keeps answering at its old one (issue 11, part 11)."""

import pytest
from django.conf import settings
from wagtail.admin.widgets.slug import SlugInput
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from kommunwebb.core.factories import StandardPageFactory
from kommunwebb.core.models import StandardPage
from kommunwebb.core.slugs import SLUG_FORMATTERS, AsciiSlugField, AsciiSlugInput, ascii_slug


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Miljö och hälsa", "miljo-och-halsa"),
        ("Åtgärder för äldre", "atgarder-for-aldre"),
        ("Café Émile", "cafe-emile"),
        ("Gatan 5–7 (norr)", "gatan-57-norr"),
        ("Ærø Øresund", "aero-oresund"),
        ("Straße", "strasse"),
        ("redan-ascii", "redan-ascii"),
    ],
)
def test_ascii_slug(text, slug):
    assert ascii_slug(text) == slug


def test_unicode_slugs_are_switched_off():
    assert settings.WAGTAIL_ALLOW_UNICODE_SLUGS is False
    assert settings.WAGTAILREDIRECTS_AUTO_CREATE is True


def test_a_slug_made_from_the_title_on_save_is_ascii(home):
    page = home.add_child(instance=StandardPage(title="Hälsa och omsorg för äldre"))
    assert page.slug == "halsa-och-omsorg-for-aldre"
    assert page.url == "/halsa-och-omsorg-for-aldre/"


def test_a_slug_given_in_code_is_made_ascii_on_save(home):
    home.add_child(instance=StandardPage(title="Miljö", slug="miljo"))
    page = home.add_child(instance=StandardPage(title="Miljö igen", slug="miljö"))
    page.refresh_from_db()
    # Transliterated, and kept unique among its siblings.
    assert page.slug == "miljo-2"
    assert page.url_path == "/start/miljo-2/"


def test_the_admin_form_field_transliterates_without_javascript():
    field = AsciiSlugField(allow_unicode=True, max_length=255)
    assert field.clean("Skolor i Älvdalen") == "skolor-i-alvdalen"
    assert field.clean("Ögonblick") == "ogonblick"


def test_the_admin_widget_transliterates_as_the_editor_types():
    html = AsciiSlugInput().render("slug", "")
    # False is left out of the HTML, and Wagtail's controller then defaults to ASCII.
    assert "data-w-slug-allow-unicode-value" not in html
    assert "data-w-slug-formatters-value" in html
    assert isinstance(AsciiSlugInput(), SlugInput)
    # Each Swedish and common accented letter has a replacement before Wagtail's slugify,
    # which would otherwise drop them ("Åtgärder" -> "tgrder").
    replaced = "".join(pattern for pattern, _replacement in SLUG_FORMATTERS)
    for letter in "åäöÅÄÖéèüÜøæß":
        assert letter in replaced


def test_pages_use_the_ascii_slug_field_in_the_admin(admin_client, home):
    response = admin_client.get(f"/admin/pages/add/core/standardpage/{home.pk}/")
    assert response.status_code == 200
    form = response.context["form"]
    assert isinstance(form.fields["slug"], AsciiSlugField)
    assert isinstance(form.fields["slug"].widget, AsciiSlugInput)


def test_an_editor_typing_a_swedish_slug_gets_ascii(admin_client, home):
    response = admin_client.post(
        f"/admin/pages/add/core/standardpage/{home.pk}/",
        {
            "title": "Öppettider i sommar",
            "slug": "Öppettider i sommar",
            "intro": "",
            "body-count": "0",
            "action-publish": "publish",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    page = StandardPage.objects.get(title="Öppettider i sommar")
    assert page.slug == "oppettider-i-sommar"


def test_a_changed_slug_leaves_a_redirect_from_the_old_address(
    client, home, django_capture_on_commit_callbacks
):
    page = StandardPageFactory(parent=home, title="Bygglov", slug="bygglov")
    page.save_revision().publish()
    page = Page.objects.get(pk=page.pk).specific
    page.slug = "bygglov-och-anmalan"
    # Wagtail announces a changed slug once the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()

    redirect = Redirect.objects.get(old_path="/bygglov")
    assert redirect.automatically_created
    assert redirect.redirect_page_id == page.pk
    response = client.get("/bygglov/")
    assert response.status_code == 301
    assert response["Location"] == "/bygglov-och-anmalan/"
    assert client.get("/bygglov-och-anmalan/").status_code == 200


def test_a_moved_page_leaves_a_redirect_too(client, home):
    section = StandardPageFactory(parent=home, title="Förskola", slug="forskola")
    page = StandardPageFactory(parent=home, title="Ansökan", slug="ansokan")
    page.move(section, pos="last-child")
    response = client.get("/ansokan/")
    assert response.status_code == 301
    assert response["Location"] == "/forskola/ansokan/"
