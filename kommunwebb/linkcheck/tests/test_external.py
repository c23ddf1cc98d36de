"""External links, checked by the task worker against a local server (issue 11, part 6):
every answer a site can give, the back-off, one request at a time per host, the result kept
with its date, and a user agent that names the site."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from wagtail.models import Page

from kommunwebb.core.factories import StandardPageFactory
from kommunwebb.linkcheck import checking
from kommunwebb.linkcheck.checker import check_url
from kommunwebb.linkcheck.models import ExternalLink, LinkHost, LinkUse
from kommunwebb.linkcheck.scanning import rescan_all

pytestmark = pytest.mark.usefixtures("linkcheck_settings")


def check(url):
    return check_url(url, timeout=(1.0, 1.0), allow_internal=True)


# --- One address, every answer --------------------------------------------------------------


def test_a_working_address(web):
    result = check(web.base + "/ok")
    assert (result.status, result.http_status, result.final_url) == ("ok", 200, "")
    ((_path, agent),) = web.requests
    assert agent.startswith("Kommunwebb-lankkontroll/1.0 (+http")
    assert "Sundhamns kommun" in agent


def test_a_chain_of_permanent_redirects_asks_for_a_new_link(web):
    result = check(web.base + "/flyttad")
    assert result.status == "redirected"
    assert result.final_url == web.base + "/ok"
    assert "Byt länken" in result.reason
    assert [path for path, _agent in web.requests] == ["/flyttad", "/mellan", "/ok"]


def test_a_temporary_redirect_is_fine(web):
    assert check(web.base + "/tillfalligt").status == "ok"


def test_a_redirect_loop_is_broken(web):
    result = check(web.base + "/slinga")
    assert result.status == "broken"
    assert "omdirigeringar" in result.reason
    assert len(web.requests) == 6  # the first answer and five more, then it gives up


@pytest.mark.parametrize(
    ("path", "status", "reason"),
    [
        ("/saknas", "broken", "Sidan finns inte (404)."),
        ("/borta", "broken", "Sidan är borttagen för gott (410)."),
        ("/serverfel", "unreachable", "Fel på webbplatsens server (503)."),
        ("/inloggning", "ok", ""),
    ],
)
def test_answers(web, path, status, reason):
    result = check(web.base + path)
    assert (result.status, result.reason) == (status, reason)


def test_too_many_requests_waits_as_asked(web):
    result = check(web.base + "/vanta")
    assert (result.status, result.retry_after) == ("unreachable", 7200)


def test_a_timeout(web):
    result = check(web.base + "/langsam")
    assert result.status == "unreachable"
    assert result.reason == "Webbplatsen svarade inte inom 2 sekunder."


def test_a_certificate_nobody_trusts(tls_web):
    result = check(tls_web.base + "/ok")
    assert result.status == "unreachable"
    assert "TLS-fel" in result.reason


def test_a_refused_connection(refused):
    result = check(refused)
    assert (result.status, result.reason) == (
        "unreachable",
        "Webbplatsen tog inte emot anslutningen.",
    )


def test_a_name_that_does_not_exist():
    result = check("http://finns-inte.invalid/")
    assert result.status == "unreachable"
    assert "namnet kunde inte slås upp" in result.reason


def test_addresses_inside_a_private_network_are_not_asked(web):
    result = check_url(web.base + "/ok", allow_internal=False)
    assert result.status == "skipped"
    assert "internt nät" in result.reason
    assert web.requests == []


# --- The worker's job -----------------------------------------------------------------------


def publish_with_links(home, *urls):
    links = "".join(f'<li><a href="{url}">Länk {n}</a></li>' for n, url in enumerate(urls))
    page = StandardPageFactory(
        parent=home, title="Länkar", body=[("paragraph", f"<ul>{links}</ul>")]
    )
    page.save_revision().publish()
    return Page.objects.get(pk=page.pk)


@pytest.mark.django_db
def test_publishing_records_the_links_and_the_job_checks_them(home, web, refused):
    page = publish_with_links(
        home, web.base + "/ok", web.base + "/saknas#del", refused, "mailto:a@b.se"
    )
    uses = LinkUse.objects.filter(page=page).order_by("url")
    assert [use.url for use in uses] == sorted([web.base + "/ok", web.base + "/saknas", refused])
    assert {use.field for use in uses} == {"innehåll"}
    assert {use.text for use in uses} == {"Länk 0", "Länk 1", "Länk 2"}
    assert set(ExternalLink.objects.values_list("status", flat=True)) == {"unchecked"}

    before = timezone.now()
    assert checking.check_due() == 3
    links = {link.url: link for link in ExternalLink.objects.all()}
    ok, missing, down = links[web.base + "/ok"], links[web.base + "/saknas"], links[refused]
    assert ok.status == "ok" and ok.checked_at >= before
    assert ok.next_check_at - ok.checked_at == timedelta(days=7)
    assert (missing.status, missing.http_status, missing.failures) == ("broken", 404, 1)
    assert missing.failing_since == missing.checked_at
    assert missing.next_check_at - missing.checked_at == timedelta(days=1)
    assert (down.status, down.failures) == ("unreachable", 1)
    assert down.next_check_at - down.checked_at == timedelta(hours=1)
    # Nothing is due now: the job asks nobody.
    assert checking.check_due() == 0


@pytest.mark.django_db
def test_back_off_grows_and_resets_when_the_site_answers(home, web):
    link = ExternalLink.objects.create(url=web.base + "/serverfel", host="127.0.0.1")
    now = timezone.now()
    waits = []
    for _ in range(5):
        checking.record(link, check(link.url), now)
        waits.append(link.next_check_at - now)
    assert waits == [timedelta(hours=hours) for hours in (1, 2, 4, 8, 16)]
    first_failure = link.failing_since
    link.url = web.base + "/ok"
    checking.record(link, check(link.url), now + timedelta(days=1))
    assert (link.status, link.failures, link.failing_since) == ("ok", 0, None)
    assert first_failure is not None


@pytest.mark.django_db
def test_the_wait_is_capped_at_a_week_and_respects_retry_after(home, web):
    now = timezone.now()
    assert checking.next_check("unreachable", 30, now, None) == now + timedelta(days=7)
    assert checking.next_check("unreachable", 1, now, 7200) == now + timedelta(hours=2)
    link = ExternalLink.objects.create(url=web.base + "/vanta", host="127.0.0.1")
    checking.claim_host("127.0.0.1")
    checking.release_host("127.0.0.1", retry_after=7200)
    assert LinkHost.objects.get(pk="127.0.0.1").next_request_at > now + timedelta(hours=1)
    assert link.pk


@pytest.mark.django_db
def test_a_host_is_claimed_by_one_request_at_a_time():
    assert checking.claim_host("www.example.se")
    assert not checking.claim_host("www.example.se")
    checking.release_host("www.example.se")
    assert checking.claim_host("www.example.se")
    assert checking.claim_host("www.annan.se")


@pytest.mark.django_db(transaction=True)
def test_two_workers_never_ask_one_host_at_once(web):
    from kommunwebb.testing.migrations import tree_root

    root = tree_root()
    page = StandardPageFactory(parent=root, title="Många länkar")
    page.save_revision().publish()
    for n in range(6):
        link = ExternalLink.objects.create(url=f"{web.base}/ok?n={n}", host="127.0.0.1")
        LinkUse.objects.create(page=page, url=link.url, link=link)
    web.delay = 0.3
    checked = []

    def worker():
        try:
            checked.append(checking.check_due())
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert web.most_at_once == 1
    assert sum(checked) == len(web.requests) >= 1
    assert ExternalLink.objects.filter(status="ok").count() == sum(checked)


@pytest.mark.django_db
def test_the_nightly_scan_forgets_links_no_page_uses(home, web):
    page = publish_with_links(home, web.base + "/ok")
    orphan = ExternalLink.objects.create(url="https://gammal.example/", host="gammal.example")
    assert rescan_all() == 1
    assert not ExternalLink.objects.filter(pk=orphan.pk).exists()
    page.specific.unpublish()
    rescan_all()
    assert not LinkUse.objects.exists()
