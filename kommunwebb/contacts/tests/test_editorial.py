"""Contact cards have Wagtail's editorial model: a new card is a draft until published, a
changed number waits in a draft until published, and the history compares versions with
their numbers and opening hours."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from kommunwebb.contacts.models import ContactCard
from kommunwebb.news.factories import NewsArticlePageFactory, NewsIndexPageFactory

pytestmark = pytest.mark.django_db

PUBLISH = {"action-publish": "action-publish"}


def card_form(number, phone_id="", **extra):
    return (
        nested_form_data(
            {
                "name": "Familjecentralen",
                "description": "Stöd för föräldrar med barn 0–6 år.",
                "email": "",
                "address": "",
                "phone_numbers": inline_formset(
                    [{"id": phone_id, "label": "Växel", "number": number}],
                    initial=int(bool(phone_id)),
                ),
                "opening_hours": inline_formset(
                    [{"days": "mon-fri", "opens": "08:00", "closes": "16:00", "closed": ""}]
                ),
                "opening_hours_exceptions": inline_formset([]),
                "go_live_at": "",
                "expire_at": "",
            }
        )
        | extra
    )


def test_a_changed_number_reaches_the_page_when_it_is_published(admin_client, client, home):
    admin_client.post(
        reverse("wagtailsnippets_contacts_contactcard:add"), card_form("040-11 11 11")
    )
    card = ContactCard.objects.get()
    index = NewsIndexPageFactory(parent=home)
    article = NewsArticlePageFactory(parent=index, contact=card)
    article.save_revision().publish()
    assert "Familjecentralen" not in client.get(article.url).content.decode()

    edit = reverse("wagtailsnippets_contacts_contactcard:edit", args=[card.pk])
    admin_client.post(edit, card_form("040-11 11 11", card.phone_numbers.get().pk, **PUBLISH))
    assert "040-11 11 11" in client.get(article.url).content.decode()

    phone_id = card.phone_numbers.get().pk
    admin_client.post(edit, card_form("040-22 22 22", phone_id))  # a draft
    html = client.get(article.url).content.decode()
    assert "040-11 11 11" in html and "040-22 22 22" not in html

    admin_client.post(edit, card_form("040-22 22 22", phone_id, **PUBLISH))
    html = client.get(article.url).content.decode()
    assert "040-22 22 22" in html and "040-11 11 11" not in html

    first, *_, last = card.revisions.order_by("created_at", "pk")
    compare = admin_client.get(
        reverse(
            "wagtailsnippets_contacts_contactcard:revisions_compare",
            args=[card.pk, first.pk, last.pk],
        )
    )
    diff = compare.content.decode()
    assert (
        '040-<span class="deletion">11 11 11</span><span class="addition">22 22 22</span>' in diff
    )
