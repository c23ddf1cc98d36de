"""The production settings read from the environment: HSTS's reach is the city's choice,
the SMTP relay is configurable, bad values stop the start, and `check --deploy` is clean."""

import os
import runpy
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

ROOT = Path(__file__).resolve().parents[3]
REQUIRED = {"DJANGO_SECRET_KEY": "x" * 50, "DJANGO_ALLOWED_HOSTS": "www.kommun.example"}


def production(monkeypatch, **environ) -> dict:
    """The production settings module's values under ``environ`` (and nothing else that a
    developer's shell or the PostgreSQL pass may have set)."""
    for name in list(os.environ):
        if name != "DJANGO_SETTINGS_MODULE" and name.startswith(
            ("DJANGO_", "DATABASE_", "REDIS_URL", "KOMMUNWEBB_VARNISH")
        ):
            monkeypatch.delenv(name)
    for name, value in {**REQUIRED, **environ}.items():
        monkeypatch.setenv(name, value)
    return runpy.run_module("kommunwebb.settings.production")


def test_hsts_reaches_this_host_only_unless_the_city_opts_in(monkeypatch):
    defaults = production(monkeypatch)
    assert defaults["SECURE_HSTS_SECONDS"] == 31_536_000
    assert defaults["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is False
    assert defaults["SECURE_HSTS_PRELOAD"] is False
    # The deploy check's warnings are silenced for what is off on purpose ...
    assert set(defaults["SILENCED_SYSTEM_CHECKS"]) == {"security.W005", "security.W021"}

    opted_in = production(
        monkeypatch,
        DJANGO_HSTS_INCLUDE_SUBDOMAINS="1",
        DJANGO_HSTS_PRELOAD="true",
        DJANGO_HSTS_SECONDS="63072000",
    )
    assert opted_in["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert opted_in["SECURE_HSTS_PRELOAD"] is True
    assert opted_in["SECURE_HSTS_SECONDS"] == 63_072_000
    # ... and for nothing once it is on.
    assert opted_in["SILENCED_SYSTEM_CHECKS"] == []
    subdomains_only = production(monkeypatch, DJANGO_HSTS_INCLUDE_SUBDOMAINS="1")
    assert subdomains_only["SILENCED_SYSTEM_CHECKS"] == ["security.W021"]


@pytest.mark.parametrize(
    "environ",
    [
        {"DJANGO_HSTS_PRELOAD": "1"},  # the preload list needs includeSubDomains
        {
            "DJANGO_HSTS_PRELOAD": "1",
            "DJANGO_HSTS_INCLUDE_SUBDOMAINS": "1",
            "DJANGO_HSTS_SECONDS": "86400",  # and at least a year
        },
        {"DJANGO_HSTS_SECONDS": "ett år"},
        {"DJANGO_HSTS_SECONDS": "-1"},
        {"DJANGO_HSTS_INCLUDE_SUBDOMAINS": "ja"},
    ],
)
def test_hsts_values_that_cannot_work_stop_the_start(monkeypatch, environ):
    with pytest.raises(ImproperlyConfigured):
        production(monkeypatch, **environ)


def test_smtp_relay_from_the_environment(monkeypatch):
    defaults = production(monkeypatch)
    assert (defaults["EMAIL_HOST"], defaults["EMAIL_PORT"]) == ("localhost", 25)
    assert (defaults["EMAIL_HOST_USER"], defaults["EMAIL_HOST_PASSWORD"]) == ("", "")
    assert (defaults["EMAIL_USE_TLS"], defaults["EMAIL_USE_SSL"]) == (False, False)
    assert defaults["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"

    relay = production(
        monkeypatch,
        DJANGO_EMAIL_HOST="smtp.kommun.example",
        DJANGO_EMAIL_PORT="587",
        DJANGO_EMAIL_HOST_USER="webbplatsen",
        DJANGO_EMAIL_HOST_PASSWORD="hemligt",
        DJANGO_EMAIL_USE_TLS="1",
        DJANGO_DEFAULT_FROM_EMAIL="Sundhamns kommun <webbplats@sundhamn.example>",
    )
    assert relay["EMAIL_HOST"] == "smtp.kommun.example"
    assert relay["EMAIL_PORT"] == 587
    assert relay["EMAIL_HOST_USER"] == "webbplatsen"
    assert relay["EMAIL_HOST_PASSWORD"] == "hemligt"
    assert (relay["EMAIL_USE_TLS"], relay["EMAIL_USE_SSL"]) == (True, False)
    assert relay["DEFAULT_FROM_EMAIL"] == "Sundhamns kommun <webbplats@sundhamn.example>"
    assert relay["SERVER_EMAIL"] == relay["DEFAULT_FROM_EMAIL"]

    implicit_tls = production(
        monkeypatch,
        DJANGO_EMAIL_HOST="smtp.kommun.example",
        DJANGO_EMAIL_PORT="465",
        DJANGO_EMAIL_USE_SSL="yes",
    )
    assert (implicit_tls["EMAIL_USE_TLS"], implicit_tls["EMAIL_USE_SSL"]) == (False, True)


@pytest.mark.parametrize(
    "environ",
    [
        {"DJANGO_EMAIL_USE_TLS": "1", "DJANGO_EMAIL_USE_SSL": "1"},
        {"DJANGO_EMAIL_HOST": "smtp.kommun.example", "DJANGO_EMAIL_HOST_PASSWORD": "hemligt"},
        {"DJANGO_EMAIL_USE_TLS": "ja"},
        {"DJANGO_EMAIL_PORT": "smtp"},
    ],
)
def test_smtp_values_that_cannot_work_stop_the_start(monkeypatch, environ):
    with pytest.raises(ImproperlyConfigured):
        production(monkeypatch, **environ)


def test_a_password_for_a_relay_on_this_machine_needs_no_tls(monkeypatch):
    local = production(monkeypatch, DJANGO_EMAIL_HOST_PASSWORD="hemligt")
    assert local["EMAIL_HOST_PASSWORD"] == "hemligt"


@pytest.mark.parametrize(
    "environ",
    [{}, {"DJANGO_HSTS_INCLUDE_SUBDOMAINS": "1", "DJANGO_HSTS_PRELOAD": "1"}],
    ids=["defaults", "hsts-opted-in"],
)
def test_check_deploy_is_clean(tmp_path, environ):
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "DATABASE_", "KOMMUNWEBB_", "REDIS_URL"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="kommunwebb.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="www.kommun.example",
        KOMMUNWEBB_VAR_DIR=str(tmp_path),
        **environ,
    )
    checked = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert checked.returncode == 0, checked.stderr
    assert "no issues" in checked.stdout
