"""The statistics in Wagtail's admin: permission, contents, date range, CSV, edit view."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission

from kommunwebb.analytics import rollup
from kommunwebb.analytics.models import BeaconEvent, HourlyPageViews

pytestmark = pytest.mark.django_db


@pytest.fixture
def traffic(article):
    """Two days of views and beacons for the article, rolled up."""
    today = rollup.local_today()
    for offset, views, lcp in ((0, 40, 1800), (1, 60, 5200)):
        day = today - timedelta(days=offset)
        start = rollup.day_bounds(day)[0]
        HourlyPageViews.objects.create(
            hour=start + 3600 * 10, page_id=article.pk, referrer_host="google.com", device="m",
            views=views,
        )  # fmt: skip
        for i in range(10):
            BeaconEvent.objects.create(
                ts=start + 3600 * 10 + i, page_id=article.pk, visitor=f"{offset}{i:021d}",
                device="m", viewport="s", lcp=lcp, inp=120, cls=0.02, ttfb=300, fcp=900,
            )  # fmt: skip
    rollup.rollup()
    return article


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("redaktor", password="x" * 12)
    user.groups.add(Group.objects.get(name="Webbredaktör"))
    return user


def test_editors_have_the_statistics_permission(editor):
    assert editor.has_perm("analytics.view_statistics")


def test_the_dashboard_needs_the_permission(client, django_user_model):
    user = django_user_model.objects.create_user("utan", password="x" * 12)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get("/admin/statistik/")
    assert response.status_code in (302, 403)
    assert '"name": "statistik"' not in client.get("/admin/").content.decode()


def test_the_dashboard_shows_views_pages_referrers_and_speed(client, editor, traffic):
    client.force_login(editor)
    response = client.get("/admin/statistik/?period=7")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Luftkvaliteten" in html and "google.com" in html and "Mobil" in html
    assert '<svg viewBox="0 0 720 260" role="img"' in html
    assert "<table" in html and "Visa diagrammets siffror som tabell" in html
    stats = response.context
    assert stats["totals"]["views"] == 100
    assert stats["totals"]["visitors"] == 20
    lcp = next(s for s in stats["summaries"] if s.metric.key == "lcp")
    assert lcp.samples == 20
    assert lcp.shares["good"] == 0.5 and lcp.shares["poor"] == 0.5
    assert stats["slowest"][0].page_id == traffic.pk
    assert '"name": "statistik"' in client.get("/admin/").content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("start=2026-13-01&end=2026-01-01", "Skriv datumet som ÅÅÅÅ-MM-DD"),
        ("start=2026-03-10&end=2026-03-01", "Startdatumet måste vara samma dag som eller före"),
        ("start=2026-03-10", "Ange både ett start- och ett slutdatum."),
        ("start=2000-01-01&end=2000-01-02", "Statistiken sparas i 25 månader"),
        ("start=2026-01-01&end=2999-01-01", "Slutdatumet kan inte ligga i framtiden."),
        ("period=42", "Välj en av perioderna i listan."),
    ],
)
def test_a_bad_date_range_is_a_swedish_400(client, editor, query, message):
    client.force_login(editor)
    response = client.get(f"/admin/statistik/?{query}")
    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_custom_range(client, editor, traffic):
    client.force_login(editor)
    today = rollup.local_today()
    response = client.get(f"/admin/statistik/?period=custom&start={today}&end={today}")
    assert response.status_code == 200
    assert response.context["totals"]["views"] == 40


def test_the_period_selector_shows_the_period_displayed(client, editor, home):
    # Without a choice the dashboard shows the last 30 days: the selector says so (it
    # said "Senaste 7 dagarna", the first in its list), and the dates are filled in.
    client.force_login(editor)
    today = rollup.local_today()
    html = client.get("/admin/statistik/").content.decode()
    assert '<option value="30" selected>Senaste 30 dagarna</option>' in html
    assert f'value="{today}"' in html
    html = client.get("/admin/statistik/?period=90").content.decode()
    assert '<option value="90" selected>Senaste 90 dagarna</option>' in html
    html = client.get(f"/admin/statistik/?period=custom&start={today}&end={today}").content
    assert '<option value="custom" selected>Välj datum</option>' in html.decode()


def test_a_year_is_shown_per_week(client, editor, traffic):
    client.force_login(editor)
    response = client.get("/admin/statistik/?period=365")
    assert response.context["unit"] == "week"
    assert 52 <= len(response.context["points"]) <= 54


def read_csv(response):
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_csv_exports(client, editor, traffic):
    client.force_login(editor)
    days = read_csv(client.get("/admin/statistik/export/days.csv?period=7"))
    assert days[0] == ["Från", "Till", "Sidvisningar", "Besökare", "Besök"]
    assert len(days) == 8 and sum(int(row[2]) for row in days[1:]) == 100
    pages = client.get("/admin/statistik/export/pages.csv?period=7")
    assert pages["Content-Type"].startswith("text/csv")
    assert "attachment" in pages["Content-Disposition"]
    rows = read_csv(pages)
    assert rows[1][:4] == ["Luftkvaliteten", "/luftkvalitet/", "100", "20"]
    referrers = read_csv(client.get("/admin/statistik/export/referrers.csv?period=7"))
    assert referrers[1] == ["google.com", "100"]
    assert client.get("/admin/statistik/export/other.csv").status_code == 404
    bad = client.get("/admin/statistik/export/days.csv?start=x&end=y")
    assert bad.status_code == 400 and "ÅÅÅÅ-MM-DD" in bad.content.decode()


def test_csv_cells_cannot_become_formulas(client, editor, home):
    from kommunwebb.analytics.admin_views import _safe

    assert _safe("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert _safe("Luft") == "Luft"


def test_a_page_has_its_own_statistics(client, editor, traffic):
    client.force_login(editor)
    response = client.get(f"/admin/statistik/sida/{traffic.pk}/?period=7")
    assert response.status_code == 200
    assert response.context["totals"] == {"views": 100, "visitors": 20}
    assert client.get("/admin/statistik/sida/999999/").status_code == 404


def test_the_edit_view_shows_30_day_views_and_p75_lcp(client, editor, traffic):
    client.force_login(editor)
    response = client.get(f"/admin/pages/{traffic.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Statistik: 100 visningar senaste 30 dagarna, LCP (p75)" in html
    assert f"/admin/statistik/sida/{traffic.pk}/" in html
