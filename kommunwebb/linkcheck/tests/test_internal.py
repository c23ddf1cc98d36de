"""Internal links that lead nowhere, found at once through Wagtail's reference index
(issue 11, part 6), and how editors see every broken link: the report with CSV, and each
page's edit view."""

import csv
import io

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.models import Page

from kommunwebb.core.factories import StandardPageFactory
from kommunwebb.linkcheck.models import ExternalLink, LinkUse, LostReference
from kommunwebb.linkcheck.problems import problems

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("linkcheck_settings")]


def publish(page):
    page.save_revision().publish()
    return Page.objects.get(pk=page.pk).specific


def linking_to(home, html, title="Avfall och återvinning", **fields):
    return publish(
        StandardPageFactory(parent=home, title=title, body=[("paragraph", html)], **fields)
    )


def page_link(target):
    return f'<p>Läs om <a linktype="page" id="{target.pk}">{target.title}</a>.</p>'


def summary(rows):
    return [(row.page.title, row.target, row.problem) for row in rows]


def test_an_unpublished_target_shows_at_once_and_leaves_when_published_again(home):
    target = publish(StandardPageFactory(parent=home, title="Sophämtning"))
    source = linking_to(home, page_link(target))
    assert problems() == []
    target.unpublish()
    assert summary(problems()) == [
        ("Avfall och återvinning", "Sophämtning", "Länkar till en sida som inte är publicerad.")
    ]
    publish(target)
    assert problems() == []
    assert source.live


def test_a_deleted_page_is_noted_before_the_reference_index_forgets_it(
    home, django_capture_on_commit_callbacks
):
    target = publish(StandardPageFactory(parent=home, title="Sophämtning"))
    child = publish(StandardPageFactory(parent=target, title="Hämtschema"))
    linking_to(home, page_link(target) + page_link(child))
    with django_capture_on_commit_callbacks(execute=True):
        target.delete()  # with its subpage
    rows = summary(problems())
    assert rows == [
        ("Avfall och återvinning", "Hämtschema", "Länkar till en sida som har tagits bort."),
        ("Avfall och återvinning", "Sophämtning", "Länkar till en sida som har tagits bort."),
    ]
    assert LostReference.objects.count() == 2


def test_a_deleted_document_too(home, django_capture_on_commit_callbacks):
    document = get_document_model().objects.create(
        title="Taxa 2026", file=ContentFile(b"%PDF-1.4", name="taxa.pdf")
    )
    linking_to(home, f'<p><a linktype="document" id="{document.pk}">Taxan</a></p>')
    with django_capture_on_commit_callbacks(execute=True):
        document.delete()
    assert summary(problems()) == [
        ("Avfall och återvinning", "Taxa 2026", "Länkar till ett dokument som har tagits bort.")
    ]


def test_republishing_without_the_link_clears_it_and_with_it_keeps_it(
    home, django_capture_on_commit_callbacks
):
    target = publish(StandardPageFactory(parent=home, title="Sophämtning"))
    source = linking_to(home, page_link(target))
    deleted_id = target.pk
    with django_capture_on_commit_callbacks(execute=True):
        target.delete()
    source.body = [("paragraph", page_link(Page(pk=deleted_id, title="x")))]
    publish(source)  # still linking to the deleted id
    assert len(problems()) == 1
    source.body = [("paragraph", "<p>Ingen länk längre.</p>")]
    publish(source)
    assert problems() == []


def test_a_page_deleted_with_the_page_it_links_to_leaves_nothing_behind(
    home, django_capture_on_commit_callbacks
):
    """Deleting several pages in one go (a queryset, the admin's bulk delete) where one
    links to another: nothing is noted for the linking page, and the deletion commits."""
    target = publish(StandardPageFactory(parent=home, title="Sophämtning"))
    source = linking_to(home, page_link(target))
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.filter(pk__in=[target.pk, source.pk]).delete()
    assert not Page.objects.filter(pk__in=[target.pk, source.pk]).exists()
    assert not LostReference.objects.exists()


def test_links_from_unpublished_pages_do_not_count(home):
    target = publish(StandardPageFactory(parent=home, title="Sophämtning"))
    source = linking_to(home, page_link(target))
    source.unpublish()
    target.unpublish()
    assert problems() == []


def test_an_address_on_this_site_that_moved_or_vanished(home, django_capture_on_commit_callbacks):
    moved = publish(StandardPageFactory(parent=home, title="Bygglov", slug="bygglov"))
    moved.slug = "bygglov-och-anmalan"
    with django_capture_on_commit_callbacks(execute=True):
        publish(moved)
    assert Redirect.objects.filter(old_path="/bygglov").exists()
    linking_to(
        home,
        '<p><a href="/bygglov/">Bygglov</a>, <a href="https://localhost/finns-inte/">borta</a>,'
        ' <a href="/bygglov-och-anmalan/">rätt</a>, <a href="/sok/">sök</a></p>',
    )
    rows = problems()
    assert summary(rows) == [
        (
            "Avfall och återvinning",
            "https://localhost/finns-inte/",
            "Adressen finns inte på webbplatsen.",
        ),
        (
            "Avfall och återvinning",
            "/bygglov/",
            "Sidan har flyttats till /bygglov-och-anmalan/. Byt länken.",
        ),
    ]
    assert [row.severity for row in rows] == ["broken", "warning"]


def test_external_problems_join_the_list(home, web):
    page = linking_to(home, f'<p><a href="{web.base}/saknas">Gammal rapport</a></p>')
    from kommunwebb.linkcheck.checking import check_due

    check_due()
    (row,) = problems()
    assert (row.page.pk, row.kind, row.problem) == (page.pk, "external", "Sidan finns inte (404).")
    assert row.since is not None and row.checked is not None


# --- What editors see -----------------------------------------------------------------------


@pytest.fixture
def broken_site(home, web):
    from kommunwebb.linkcheck.checking import check_due

    target = publish(StandardPageFactory(parent=home, title="Sophämtning"))
    source = linking_to(home, page_link(target) + f'<p><a href="{web.base}/borta">Broschyr</a></p>')
    fine = linking_to(home, f'<p><a href="{web.base}/ok">Fungerar</a></p>', title="Kultur")
    check_due()
    target.unpublish()
    return source, fine


def test_the_report_lists_every_broken_link(admin_client, broken_site, web):
    response = admin_client.get(reverse("linkcheck:report"))
    assert response.status_code == 200
    rows = response.context["object_list"]
    assert [(row.kind_label, row.target) for row in rows] == [
        ("Intern", "Sophämtning"),
        ("Extern", web.base + "/borta"),
    ]
    html = response.content.decode()
    assert "Brutna länkar" in html
    assert "Sidan är borttagen för gott (410)." in html
    internal_only = admin_client.get(reverse("linkcheck:report"), {"kind": "internal"})
    assert [row.target for row in internal_only.context["object_list"]] == ["Sophämtning"]


def test_the_report_exports_csv(admin_client, broken_site):
    response = admin_client.get(reverse("linkcheck:report"), {"export": "csv"})
    assert "brutna-lankar-" in response["Content-Disposition"]
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[0] == [
        "Sida",
        "Sidans adress",
        "Allvar",
        "Typ",
        "Länken går till",
        "Problem",
        "Var på sidan",
        "Sedan",
        "Senast kontrollerad",
    ]
    assert len(rows) == 3
    assert {row[5] for row in rows[1:]} == {
        "Sidan är borttagen för gott (410).",
        "Länkar till en sida som inte är publicerad.",
    }


def test_the_edit_view_shows_the_broken_links(admin_client, broken_site):
    source, fine = broken_site
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[source.pk])).content.decode()
    assert "2 trasiga länkar" in html
    assert "Sidan har 2 trasiga länkar:" in html
    assert f"{reverse('linkcheck:report')}?sida={source.pk}" in html
    calm = admin_client.get(reverse("wagtailadmin_pages:edit", args=[fine.pk])).content.decode()
    assert "Inga trasiga länkar" in calm
    one_page = admin_client.get(reverse("linkcheck:report"), {"sida": source.pk})
    assert {row.page.pk for row in one_page.context["object_list"]} == {source.pk}


def test_link_uses_follow_the_page(home, web):
    page = linking_to(home, f'<p><a href="{web.base}/ok">A</a></p>')
    page.body = [("paragraph", f'<p><a href="{web.base}/saknas">B</a></p>')]
    publish(page)
    assert list(LinkUse.objects.values_list("url", flat=True)) == [web.base + "/saknas"]
    assert ExternalLink.objects.count() == 2  # the old one goes with the nightly scan


def test_links_are_found_in_every_kind_of_block(home):
    from wagtail_factories import ImageFactory

    from kommunwebb.linkcheck.extract import page_links

    image = ImageFactory()
    page = StandardPageFactory(
        parent=home,
        body=[
            (
                "paragraph",
                '<p><a href="https://a.example/">A</a> <a linktype="page" id="1">x</a></p>',
            ),
            ("fact_box", {"heading": "Fakta", "body": '<p><a href="https://b.example/">B</a></p>'}),
            (
                "image",
                {"image": {"image": image, "decorative": True, "alt_text": ""}, "caption": ""},
            ),
            (
                "read_more",
                {
                    "heading": "Läs mer",
                    "links": [{"text": "C", "page": None, "url": "https://c.example/"}],
                },
            ),
        ],
    )
    assert [(found.url, found.text) for found in page_links(page)] == [
        ("https://a.example/", "A"),
        ("https://b.example/", "B"),
        ("https://c.example/", ""),
    ]


def test_only_page_and_document_deletes_are_watched():
    """A pre_delete receiver for every model would make Django collect and signal each row
    of every delete, the retention purge's batches among them."""
    from django.db.models.signals import pre_delete

    from kommunwebb.feedback.models import PageFeedback

    assert not pre_delete.has_listeners(PageFeedback)
    assert pre_delete.has_listeners(get_document_model())
