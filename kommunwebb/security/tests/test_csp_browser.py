"""The Content-Security-Policy measured in headless Chromium: public pages and Wagtail 8's
admin run without a single violation under the configured policies, and each allowance the
admin's policy makes beyond the public one is needed (take it away and something in the
admin is refused). docs/security.md records the result."""

import pytest
from django.conf import settings
from django_otp.oath import totp

pytestmark = pytest.mark.browser

TOTP_KEY = "3132333435363738393031323334353637383931"
LOGIN = ("csp-granskare", "csp-granskare-losenord-1")
PUBLIC_PATHS = [
    "/",
    "/nyheter/",
    "/nyheter/gor-julen-mer-hallbar-pa-stadsbiblioteket/",
    "/evenemang/",
    "/kontakt/",
    "/sok/?q=skola",
    "/samtycke/",
    "/finns-inte/",
]


def policy(directives: dict) -> str:
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def admin_paths(demo_manage) -> list[str]:
    ids = (
        demo_manage(
            "shell",
            "-c",
            "from wagtail.models import Page, Site;"
            "from wagtail.images.models import Image;"
            "from wagtail.documents.models import Document;"
            "print('ids', Page.objects.get(slug='gor-julen-mer-hallbar-pa-stadsbiblioteket').pk,"
            " Site.objects.get(is_default_site=True).root_page_id,"
            " Image.objects.first().pk, Document.objects.first().pk,"
            " Page.objects.get(slug='kontakt').pk)",
        )
        .split("ids ")[-1]
        .split()
    )
    article, home, image, document, form = ids
    return [
        "/admin/",
        f"/admin/pages/{home}/",
        f"/admin/pages/{article}/edit/",
        f"/admin/pages/{article}/edit/preview/",
        f"/admin/pages/{form}/edit/",
        "/admin/images/",
        f"/admin/images/{image}/",
        "/admin/images/multiple/add/",
        "/admin/documents/",
        f"/admin/documents/edit/{document}/",
        "/admin/snippets/",
        "/admin/forms/",
        f"/admin/forms/submissions/{form}/",
        "/admin/reports/site-history/",
        "/admin/users/",
        "/admin/account/",
        "/admin/tvastegs/",
        "/admin/statistik/",
    ]


@pytest.fixture(scope="module")
def admin_session(chromium, demo_server, demo_manage, tmp_path_factory):
    """A logged-in, verified admin session, saved once: a TOTP code is accepted only once."""
    demo_manage(
        "shell",
        "-c",
        "from django.contrib.auth.models import User;"
        f"u, _ = User.objects.get_or_create(username='{LOGIN[0]}');"
        "u.is_superuser = u.is_staff = True;"
        f"u.set_password('{LOGIN[1]}');"
        "u.save();"
        "from django_otp.plugins.otp_totp.models import TOTPDevice;"
        f"TOTPDevice.objects.get_or_create(user=u, name='app', key='{TOTP_KEY}', confirmed=True)",
    )
    context = chromium.new_context(locale="sv-SE")
    page = context.new_page()
    page.goto(demo_server + "/admin/login/")
    page.fill("#id_username", LOGIN[0])
    page.fill("#id_password", LOGIN[1])
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/tvastegs/verifiera/**")
    page.fill("#id_code", f"{totp(bytes.fromhex(TOTP_KEY)):06d}")
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    state = tmp_path_factory.mktemp("csp") / "state.json"
    context.storage_state(path=str(state))
    context.close()
    return str(state), admin_paths(demo_manage)


def violations_on(
    chromium, demo_server, paths, *, admin_policy=None, state=None, until_first=False
):
    """CSP violations Chromium reports while loading ``paths``; with ``admin_policy`` the
    admin's header is replaced by that policy first; ``until_first`` stops at the first page
    that had one."""
    context = chromium.new_context(locale="sv-SE", storage_state=state)
    page = context.new_page()
    seen = []
    page.on(
        "console",
        lambda message: (
            seen.append((page.url, message.text))
            if "Content Security Policy" in message.text
            else None
        ),
    )
    if admin_policy is not None:

        def rewrite(route):
            response = route.fetch(max_redirects=0)
            headers = {**response.headers, "content-security-policy": admin_policy}
            route.fulfill(response=response, headers=headers)

        page.route("**/admin/**", rewrite)
    for path in paths:
        response = page.goto(demo_server + path)
        assert response.status < 500, path
        page.wait_for_load_state("networkidle")
        if until_first and seen:
            break
    context.close()
    return seen


def test_public_pages_run_under_the_public_policy(chromium, demo_server):
    assert violations_on(chromium, demo_server, PUBLIC_PATHS) == []


def test_the_admin_runs_under_its_policy(chromium, demo_server, admin_session):
    state, paths = admin_session
    seen = violations_on(chromium, demo_server, paths, state=state)
    assert seen == [], "\n".join(f"{url}: {text}" for url, text in seen)


def test_the_admin_asks_no_third_party(chromium, demo_server, admin_session):
    """Wagtail's release check (releases.wagtail.org) is off: nothing leaves the site."""
    state, paths = admin_session
    context = chromium.new_context(locale="sv-SE", storage_state=state)
    page = context.new_page()
    elsewhere = []
    page.on(
        "request",
        lambda request: (
            elsewhere.append(request.url)
            if not request.url.startswith((demo_server, "data:", "blob:"))
            else None
        ),
    )
    page.goto(demo_server + "/admin/")
    page.wait_for_load_state("networkidle")
    context.close()
    assert elsewhere == []


ALLOWANCES = [
    ("script-src", "'unsafe-inline'"),
    ("style-src", "'unsafe-inline'"),
]


@pytest.mark.parametrize(("directive", "source"), ALLOWANCES)
def test_each_allowance_of_the_admin_policy_is_needed(
    chromium, demo_server, admin_session, directive, source
):
    state, paths = admin_session
    directives = {
        name: list(values)
        for name, values in settings.KOMMUNWEBB_ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"].items()
    }
    directives[directive] = [v for v in directives[directive] if v != source]
    seen = violations_on(
        chromium,
        demo_server,
        paths,
        admin_policy=policy(directives),
        state=state,
        until_first=True,
    )
    assert any(directive in text for _url, text in seen), seen
