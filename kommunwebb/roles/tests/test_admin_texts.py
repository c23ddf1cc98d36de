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
