"""ASCII slugs as an editor makes them in the admin, in real Chromium (issue 11, part 11):
from the title, and typed by hand, where Wagtail alone would drop å, ä and ö."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
PASSWORD = "slug-losenord-12"


@pytest.fixture(scope="module")
def add_page_url(demo_server, demo_manage):
    home_id = (
        demo_manage(
            "shell",
            "-c",
            "from django.contrib.auth.models import User; from wagtail.models import Page;"
            "u, _ = User.objects.get_or_create(username='slugredaktor');"
            "u.is_superuser = u.is_staff = True;"
            f"u.set_password('{PASSWORD}'); u.save();"
            "print(Page.objects.get(slug='start').pk)",
        )
        .strip()
        .splitlines()[-1]
    )
    return f"{demo_server}/admin/pages/add/core/standardpage/{home_id}/"


def test_slugs_are_ascii_as_the_editor_types(chromium, demo_server, add_page_url, admin_login):
    context = chromium.new_context(locale="sv-SE")
    page = context.new_page()
    admin_login(page, "slugredaktor", PASSWORD)
    page.goto(add_page_url)
    page.fill("#id_title", "Åtgärder för äldre i Öresund")
    page.locator("#id_title").blur()
    slug = page.locator("#id_slug")
    # The admin's script fills the slug from the title; on a busy machine not at once.
    expect(slug).to_have_value("atgarder-for-aldre-i-oresund", timeout=15_000)
    # The slug is edited on the Promote tab, as an editor does it.
    page.get_by_role("tab", name="Marknadsför").click()
    slug.fill("Öppet hus på café Émile")
    slug.blur()
    expect(slug).to_have_value("oppet-hus-pa-cafe-emile", timeout=15_000)
    context.close()
