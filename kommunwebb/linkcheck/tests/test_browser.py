"""Broken links as an editor meets them on the demo site: a page linking to a page that has
just been unpublished (found at once) and to an address on a local server that answers 404
(checked as the worker checks), in the report and on the page's edit view. The demo itself
has no broken external link; this one exists only for the test."""

import json

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import Server, _serve

pytestmark = pytest.mark.browser

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
PASSWORD = "lankar-losenord-1"


def shell(demo_manage, code: str) -> str:
    return demo_manage("shell", "-c", code).strip().splitlines()[-1]


@pytest.fixture
def broken(demo_manage):
    # Not 127.0.0.1, which the demo's settings name as the site's own host.
    server = Server("127.0.0.2")
    _serve(server)
    made = json.loads(
        shell(
            demo_manage,
            "import json; from django.contrib.auth.models import User;"
            "from wagtail.models import Page;"
            "from kommunwebb.core.models import StandardPage;"
            "u, _ = User.objects.get_or_create(username='lankar');"
            "u.is_superuser = u.is_staff = True;"
            f"u.set_password('{PASSWORD}'); u.save();"
            "home = Page.objects.get(slug='start');"
            "target = home.add_child(instance=StandardPage(title='Sophämtning i vinter',"
            " slug='sophamtning-i-vinter'));"
            "target.save_revision().publish();"
            "body = [('paragraph', '<p><a linktype=\"page\" id=\"%s\">Sophämtning</a> och '"
            f"'<a href=\"{server.base}/saknas\">gammal broschyr</a></p>' % target.pk)];"
            "source = home.add_child(instance=StandardPage(title='Avfall och återvinning',"
            " slug='avfall-och-atervinning', body=body));"
            "source.save_revision().publish();"
            "print(json.dumps({'target': target.pk, 'source': source.pk}))",
        )
    )
    # The worker's job, as it runs every five minutes (here the test server is allowed).
    shell(
        demo_manage,
        "from django.conf import settings; settings.LINKCHECK_ALLOW_INTERNAL_ADDRESSES = True;"
        "from kommunwebb.linkcheck.models import ExternalLink;"
        f"ExternalLink.objects.exclude(url__startswith='{server.base}').update("
        "next_check_at='2999-01-01T00:00:00Z');"
        "from kommunwebb.linkcheck.checking import check_due; print(check_due())",
    )
    yield made
    shell(
        demo_manage,
        "from wagtail.models import Page;"
        f"Page.objects.filter(pk__in=[{made['source']}, {made['target']}]).delete();"
        "from kommunwebb.linkcheck.models import ExternalLink;"
        "ExternalLink.objects.filter(uses__isnull=True).delete(); print('ok')",
    )
    server.shutdown()
    server.server_close()


def test_an_editor_sees_the_broken_links_at_once(
    chromium, demo_server, demo_manage, broken, admin_login
):
    # Unpublished by an editor a moment ago: the report knows without any worker.
    shell(
        demo_manage,
        "from wagtail.models import Page;"
        f"Page.objects.get(pk={broken['target']}).specific.unpublish(); print('ok')",
    )
    context = chromium.new_context(locale="sv-SE", viewport={"width": 1366, "height": 900})
    page = context.new_page()
    admin_login(page, "lankar", PASSWORD)
    page.goto(demo_server + "/admin/lankar/")
    assert page.locator("h1").inner_text().strip() == "Brutna länkar"
    table = page.locator("main table")
    assert table.get_by_text("Länkar till en sida som inte är publicerad.").is_visible()
    assert table.get_by_text("Sidan finns inte (404).").is_visible()
    assert table.get_by_text("Sophämtning i vinter").is_visible()
    results = Axe().run(page, options=WCAG_21_AA, context={"include": [["main"]]})
    assert results.violations_count == 0, results.generate_report()

    page.goto(f"{demo_server}/admin/pages/{broken['source']}/edit/")
    assert page.get_by_text("Sidan har 2 trasiga länkar").is_visible()
    context.close()
