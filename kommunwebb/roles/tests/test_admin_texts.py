"""Wagtail's admin templates the project overrides so that a Swedish editor reads no "None"."""

from django.template.loader import render_to_string


def test_a_page_published_by_nobody_says_so_in_swedish(db):
    # Wagtail's aging pages report: pages the demo loader or the task worker published.
    html = render_to_string("wagtailadmin/shared/user_avatar.html", {"user": None, "username": ""})
    assert "None" not in html
    assert "Ingen uppgift" in html


def test_a_known_publisher_is_still_named(django_user_model):
    user = django_user_model.objects.create_user("wilma", first_name="Wilma", last_name="Webb")
    html = render_to_string(
        "wagtailadmin/shared/user_avatar.html", {"user": user, "username": "wilma"}
    )
    assert "wilma" in html and "Ingen uppgift" not in html


def test_wagtails_empty_listing_is_in_swedish(db):
    # Wagtail's own Swedish catalogue leaves it in English ("There are no … Why not add
    # one?"); kommunwebb/locale/sv/ translates it.
    from django.utils import translation

    with translation.override("sv"):
        html = render_to_string(
            "wagtailadmin/generic/index_results.html",
            {"add_url": "/admin/x/add/", "verbose_name_plural": "behörigheter", "object_list": []},
        )
    assert "Why not" not in html and "There are no" not in html
    assert (
        'Det finns inga behörigheter att visa ännu. <a href="/admin/x/add/">Lägg till</a>.' in html
    )


def test_the_admin_javascript_is_in_swedish_too(admin_client):
    # The page editor's content checks name the readability band, and autosave and the
    # preview toolbar speak, from Wagtail's JavaScript catalogue; Wagtail's Swedish one leaves
    # a dozen of its texts in English, kommunwebb/locale/sv/LC_MESSAGES/djangojs.po has them.
    import json
    import re
    from pathlib import Path

    import polib
    import wagtail.admin
    from django.urls import reverse

    response = admin_client.get(
        reverse("wagtailadmin_javascript_catalog"), HTTP_ACCEPT_LANGUAGE="sv"
    )
    served = json.loads(
        re.search(r"const newcatalog = (\{.*?\});", response.content.decode(), re.S).group(1)
    )
    assert served["Good"] == "Lättläst" and served["Complex"] == "Svår"
    english = polib.pofile(
        str(Path(wagtail.admin.__file__).parent / "locale/en/LC_MESSAGES/djangojs.po")
    )
    untranslated = [entry.msgid for entry in english if entry.msgid not in served]
    assert untranslated == []
