"""Every cookie any response sets is in the registry: a crawl of the demo site.

The middleware in settings/test.py already fails any test whose response sets an
unregistered cookie; this crawl makes sure every kind of response is actually requested:
every live page of every type, the 404 page, search, the consent endpoint, a password
protected page, and the admin's login, pages and logout."""

import io

import pytest
from django.core.management import call_command
from django.test import Client, TestCase
from wagtail.models import Page, PageViewRestriction

from kommunwebb.consent import registry
from kommunwebb.consent.testing import unregistered_cookies


def load_demo():
    call_command("load_demo_data", "--image-size=160x90", stdout=io.StringIO())


class SiteSetsOnlyRegisteredCookies(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo()

    def setUp(self):
        self.seen: set[str] = set()

    def check(self, response, expected_status=None):
        assert unregistered_cookies(response) == [], response.cookies
        self.seen |= {name for name, morsel in response.cookies.items() if morsel.value}
        if expected_status is not None:
            assert response.status_code == expected_status, (
                response.status_code,
                response.get("Location"),
            )
        return response

    def test_crawl(self):
        from django.core.cache import cache

        cache.clear()
        pages = Page.objects.live().public().specific().exclude(depth=1)
        types = set()
        for page in pages:
            types.add(type(page).__name__)
            # A fresh visitor per page: no cookie hides what a first visit sets.
            self.check(Client().get(page.url), 200)
        assert {"HomePage", "NewsIndexPage", "NewsArticlePage", "StandardPage"} <= types
        assert {"EventIndexPage", "EventPage", "TopicPage"} <= types

        visitor = Client()
        self.check(visitor.get("/finns-inte/"), 404)
        self.check(visitor.get("/sok/?q=kv%C3%A4vedioxid"), 200)
        self.check(visitor.get("/sok/?q=" + "x" * 500), 400)
        self.check(visitor.get("/samtycke/"), 200)
        origin = {"HTTP_ORIGIN": "http://testserver"}
        self.check(visitor.post("/samtycke/", {"choice": "statistics"}, **origin), 303)
        self.check(visitor.post("/samtycke/", {"choice": "necessary"}, **origin), 303)
        self.check(visitor.post("/samtycke/", {"choice": "?"}, **origin), 400)
        self.check(visitor.post("/samtycke/", {"choice": "necessary"}), 403)
        for page in pages:
            # With a choice made, pages must not set anything more.
            self.check(visitor.get(page.url), 200)

        # A password protected page: its form and the session that remembers the password.
        article = pages.filter(depth__gt=2).first()
        restriction = PageViewRestriction.objects.create(
            page=article, restriction_type=PageViewRestriction.PASSWORD, password="hemligt"
        )
        guest = Client(enforce_csrf_checks=True)
        form = self.check(guest.get(article.url), 200)
        token = guest.cookies["csrftoken"].value
        self.check(
            guest.post(
                f"/_util/authenticate_with_password/{restriction.id}/{article.id}/",
                {"password": "hemligt", "return_url": article.url, "csrfmiddlewaretoken": token},
            )
        )
        assert form.status_code == 200
        self.check(guest.get(article.url), 200)

        # The admin: login page, a failed and a good login, a few pages, logout.
        from django.contrib.auth import get_user_model

        get_user_model().objects.create_superuser("redaktor", "r@example.org", "lösenord-123")
        editor = Client()
        self.check(editor.get("/admin/login/"), 200)
        self.check(editor.post("/admin/login/", {"username": "redaktor", "password": "fel"}), 200)
        self.check(
            editor.post("/admin/login/", {"username": "redaktor", "password": "lösenord-123"}),
            302,
        )
        self.check(editor.get("/admin/"), 200)
        self.check(editor.get(f"/admin/pages/{article.id}/edit/"), 200)
        self.check(editor.get("/admin/pages/"), 200)
        self.check(editor.post("/admin/logout/"), 302)
        self.check(editor.get("/admin/login/"), 200)

        # Every server-set cookie in the registry turned up: the registry is not stale.
        server_set = {"kw_consent", "csrftoken", "sessionid", "messages"}
        assert server_set <= self.seen, self.seen
        # What is left is set in the browser: the analytics script and Wagtail's admin JS.
        assert registry.names() - server_set == {"kw_vid", "wagtail_sidebar_collapsed"}


@pytest.mark.django_db
def test_a_public_page_sets_no_cookie_before_consent(client, home):
    response = client.get(home.url)
    assert response.status_code == 200
    assert not response.cookies
