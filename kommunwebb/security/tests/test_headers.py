"""Content-Security-Policy, Permissions-Policy, no server name, security.txt."""

import urllib.error
import urllib.request

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def directives(header: str) -> dict[str, list[str]]:
    parts = (part.strip().split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in parts}


def test_public_pages_allow_only_the_sites_own_scripts(home, client):
    response = client.get("/")
    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_error_pages_carry_the_headers_too(home):
    response = Client(raise_request_exception=False).get("/?x=%00")
    assert response.status_code == 400
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "Permissions-Policy" in response


def test_the_admin_has_its_own_policy_with_scripts_from_nowhere_else(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["object-src"] == ["'none'"]
    assert "'unsafe-inline'" in policy["style-src"]
    assert policy["frame-ancestors"] == ["'self'"]


def test_security_txt_is_a_404_until_a_contact_is_set(client, settings):
    settings.KOMMUNWEBB_SECURITY_CONTACT = ""
    assert client.get("/.well-known/security.txt").status_code == 404


def test_security_txt_follows_rfc_9116(client, settings):
    settings.KOMMUNWEBB_SECURITY_CONTACT = (
        "mailto:it-sakerhet@kommun.example,https://kommun.example/sakerhet"
    )
    settings.KOMMUNWEBB_SECURITY_TXT_EXPIRES = "2027-06-30T00:00:00+00:00"
    response = client.get("/.well-known/security.txt", HTTP_HOST="www.kommun.example")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[:3] == [
        "Contact: mailto:it-sakerhet@kommun.example",
        "Contact: https://kommun.example/sakerhet",
        "Expires: 2027-06-30T00:00:00Z",
    ]
    assert "Preferred-Languages: sv, en" in lines
    assert "Canonical: http://www.kommun.example/.well-known/security.txt" in lines


def test_expires_defaults_to_at_most_six_months_ahead(settings):
    from datetime import date

    from kommunwebb.security.wellknown import expires

    settings.KOMMUNWEBB_SECURITY_TXT_EXPIRES = ""
    moment = expires(date(2026, 11, 30))
    assert moment.isoformat() == "2027-05-03T00:00:00+00:00"


def _get(url):
    try:
        with urllib.request.urlopen(url, timeout=20) as response:  # noqa: S310 - loopback
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def test_gunicorn_names_no_server_and_answers_long_addresses_in_swedish(demo_server):
    status, headers, _ = _get(demo_server + "/")
    assert status == 200
    assert "Server" not in headers
    # Over 4 kB: Django's 414; over gunicorn's 8 kB limit: gunicorn's, with the same page.
    for length in (5000, 9000):
        status, headers, html = _get(demo_server + "/sok/?q=" + "a" * length)
        assert status == 414, length
        assert "Adressen är för lång" in html
        assert "URI Too Long" not in html
        assert "Server" not in headers


# --- The policy built once (headers.py) ------------------------------------------------


def _middleware(view):
    from kommunwebb.security.headers import ContentSecurityPolicyMiddleware

    return ContentSecurityPolicyMiddleware(view)


def _ok(request):
    from django.http import HttpResponse

    return HttpResponse("ok")


def test_the_public_and_admin_policies_are_built_once_and_the_same_as_django_csps(rf, monkeypatch):
    from csp.utils import build_policy

    from kommunwebb.security import headers

    built = []
    monkeypatch.setattr(
        headers, "build_policy", lambda **kw: built.append(kw) or build_policy(**kw)
    )
    middleware = _middleware(_ok)
    for _ in range(3):
        public = middleware(rf.get("/nyheter/"))["Content-Security-Policy"]
        admin = middleware(rf.get("/admin/pages/"))["Content-Security-Policy"]
    assert len(built) == 2
    assert public == build_policy()
    assert "'unsafe-inline'" not in public
    assert directives(admin)["script-src"] == ["'self'", "'unsafe-inline'"]


def test_a_changed_policy_is_used_at_once(rf, settings):
    middleware = _middleware(_ok)
    assert "img-src 'self' data:" in middleware(rf.get("/"))["Content-Security-Policy"]
    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {**settings.CONTENT_SECURITY_POLICY["DIRECTIVES"], "img-src": ["'self'"]}
    }
    assert directives(middleware(rf.get("/"))["Content-Security-Policy"])["img-src"] == ["'self'"]


def test_a_response_with_a_policy_of_its_own_still_gets_it(rf, settings):
    from csp.constants import NONCE
    from csp.decorators import csp_update
    from django.http import HttpResponse

    # No public page asks for a nonce today; one that does gets its own in the header.
    directives_with_nonce = {**settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]}
    directives_with_nonce["script-src"] = ["'self'", NONCE]
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": directives_with_nonce}

    def with_nonce(request):
        return HttpResponse(f'<script nonce="{request.csp_nonce}"></script>')

    middleware = _middleware(with_nonce)
    request = rf.get("/")
    response = middleware(request)
    nonce = response.content.decode().split('"')[1]
    assert f"'nonce-{nonce}'" in directives(response["Content-Security-Policy"])["script-src"]

    updated = _middleware(csp_update({"img-src": ["https://karta.example"]})(_ok))
    assert "https://karta.example" in updated(rf.get("/"))["Content-Security-Policy"]
    # Preview frames itself beside the editor; the public policy forbids framing.
    request = rf.get("/")
    request.is_preview = True
    assert directives(middleware(request)["Content-Security-Policy"])["frame-ancestors"] == [
        "'self'"
    ]
