"""Admin accounts: login throttling without stored addresses, a second factor for the roles
that need one, session limits, and all of it in Wagtail's audit log."""

import re
import time

import pytest
import time_machine
from django.contrib.auth.models import Group, Permission
from django.core.cache import caches
from django.core.management import call_command
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from kommunwebb.security import audit

pytestmark = pytest.mark.django_db

PASSWORD = "rätt-lösenord-123"  # noqa: S105 - a test account's


def throttle_cache():
    return caches["throttle"] if "throttle" in caches.settings else caches["default"]


@pytest.fixture(autouse=True)
def clean_caches():
    throttle_cache().clear()
    yield
    throttle_cache().clear()


@pytest.fixture
def enforced(settings):
    settings.KOMMUNWEBB_2FA_ENFORCED = True
    return settings


def account(django_user_model, name, *groups, superuser=False):
    user = django_user_model.objects.create_user(name, password=PASSWORD)
    user.is_superuser = superuser
    user.save()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    for group in groups:
        user.groups.add(Group.objects.get_or_create(name=group)[0])
    return user


def login(client, username, password=PASSWORD, **extra):
    return client.post("/admin/login/", {"username": username, "password": password}, **extra)


def actions(user) -> list[str]:
    return list(
        ModelLogEntry.objects.filter(object_id=str(user.pk))
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )


def code(device, at=None) -> str:
    device.refresh_from_db()
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


# --- Throttling ------------------------------------------------------------------------


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(django_user_model):
    anna = account(django_user_model, "anna")
    client = Client()
    for _ in range(4):
        response = login(client, "anna", "fel-lösenord")
        assert response.status_code == 200
    # The fifth failure locks the account, and says so.
    assert login(client, "anna", "fel-lösenord").status_code == 429
    response = login(client, "anna")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "För många misslyckade inloggningar" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # From anywhere: the account is locked, not the address.
    other = Client(REMOTE_ADDR="192.0.2.77")
    assert login(other, "anna").status_code == 429
    assert actions(anna) == [audit.LOGIN_FAILED] * 5 + [audit.LOCKED_OUT]


def test_the_lock_ends_with_its_window(django_user_model, settings):
    account(django_user_model, "anna")
    with time_machine.travel(1_800_000_000, tick=False) as clock:
        for _ in range(5):
            login(Client(), "anna", "fel")
        assert login(Client(), "anna").status_code == 429
        clock.shift(settings.KOMMUNWEBB_LOGIN_WINDOW)
        assert login(Client(), "anna").status_code == 302


def test_one_client_guessing_many_accounts_is_locked_out(django_user_model, settings):
    settings.KOMMUNWEBB_LOGIN_FAILURES_PER_CLIENT = 8
    account(django_user_model, "bertil")
    guesser = Client(REMOTE_ADDR="198.51.100.9")
    for n in range(8):
        login(guesser, f"konto{n}", "fel")
    assert login(guesser, "bertil").status_code == 429
    assert login(Client(REMOTE_ADDR="198.51.100.10"), "bertil").status_code == 302


def test_no_address_is_kept_anywhere(django_user_model):
    account(django_user_model, "anna")
    for _ in range(3):
        login(Client(REMOTE_ADDR="203.0.113.45"), "anna", "fel")
    cache = throttle_cache()
    stored = repr(list(cache._cache.items())) + repr(list(cache._cache.keys()))
    assert "203.0.113.45" not in stored
    assert "anna" not in stored
    for entry in ModelLogEntry.objects.all():
        assert "203.0.113" not in repr(entry.data)


def test_behind_varnish_each_visitor_counts_on_its_own(django_user_model, settings):
    settings.KOMMUNWEBB_TRUSTED_PROXIES = ["127.0.0.1"]
    settings.KOMMUNWEBB_LOGIN_FAILURES_PER_CLIENT = 3
    account(django_user_model, "cecilia")
    attacker = Client(HTTP_X_KW_CLIENT="a" * 64)  # from 127.0.0.1, Varnish's keyed hash
    for n in range(3):
        login(attacker, f"x{n}", "fel")
    assert login(attacker, "cecilia").status_code == 429
    assert login(Client(HTTP_X_KW_CLIENT="b" * 64), "cecilia").status_code == 302


def test_the_client_header_is_ignored_from_anyone_but_the_proxy(django_user_model, settings):
    settings.KOMMUNWEBB_TRUSTED_PROXIES = ["127.0.0.1"]
    settings.KOMMUNWEBB_LOGIN_FAILURES_PER_CLIENT = 3
    account(django_user_model, "david")
    for n in range(3):
        login(Client(REMOTE_ADDR="192.0.2.5", HTTP_X_KW_CLIENT=f"{n}" * 64), f"x{n}", "fel")
    assert login(Client(REMOTE_ADDR="192.0.2.5"), "david").status_code == 429


def test_a_login_and_a_logout_are_audited(django_user_model):
    anna = account(django_user_model, "anna")
    client = Client()
    assert login(client, "anna").status_code == 302
    client.post("/admin/logout/")
    assert actions(anna) == [audit.LOGIN, audit.LOGOUT]


# --- Two factors -----------------------------------------------------------------------


def set_up_second_factor(client, user):
    response = client.get("/admin/tvastegs/sla-pa/")
    assert response.status_code == 200
    assert re.search(r'<figure class="kw-qr"[^>]*><svg', response.content.decode())
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    wrong = "000000" if code(device) != "000000" else "111111"
    assert client.post("/admin/tvastegs/sla-pa/", {"code": wrong}).status_code == 422
    # django-otp makes the next try wait a second after a wrong code.
    with time_machine.travel(time.time() + 2, tick=False):
        response = client.post("/admin/tvastegs/sla-pa/", {"code": code(device)})
    assert response.status_code == 200
    codes = re.findall(r"<code>([a-z0-9]{8})</code>", response.content.decode())
    assert len(codes) == 10
    return TOTPDevice.objects.get(user=user, confirmed=True), codes


def test_a_superuser_must_set_up_a_second_factor(enforced, django_user_model):
    admin = account(django_user_model, "admin", superuser=True)
    client = Client()
    response = login(client, "admin")
    assert response.status_code == 302
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/tvastegs/sla-pa/")
    assert client.get("/admin/pages/").status_code == 302
    set_up_second_factor(client, admin)
    assert client.get("/admin/").status_code == 200
    assert audit.TWO_FACTOR_ENABLED in actions(admin)


def test_after_setup_every_login_asks_for_the_code(enforced, django_user_model):
    editor = account(django_user_model, "redaktor", "Webbredaktör")
    client = Client()
    login(client, "redaktor")
    with time_machine.travel(time.time(), tick=False) as clock:
        device, codes = set_up_second_factor(client, editor)
        client.post("/admin/logout/")

        client = Client()
        login(client, "redaktor")
        response = client.get("/admin/account/")
        assert response["Location"].startswith("/admin/tvastegs/verifiera/?next=/admin/account/")
        response = client.post(
            "/admin/tvastegs/verifiera/", {"code": "12345678", "next": "/admin/account/"}
        )
        assert response.status_code == 422
        assert "Koden stämmer inte" in response.content.decode()
        clock.shift(61)  # a new 30-second step: a code is accepted once
        response = client.post(
            "/admin/tvastegs/verifiera/", {"code": code(device), "next": "/admin/account/"}
        )
        assert response.status_code == 302
        assert response["Location"] == "/admin/account/"
        assert client.get("/admin/account/").status_code == 200

        # A recovery code works once.
        client.post("/admin/logout/")
        client = Client()
        login(client, "redaktor")
        assert client.post("/admin/tvastegs/verifiera/", {"code": codes[0]}).status_code == 302
        assert client.get("/admin/").status_code == 200
        assert StaticToken.objects.filter(token=codes[0]).count() == 0
    assert actions(editor)[-3:] == [audit.LOGOUT, audit.LOGIN, audit.RECOVERY_CODE_USED]
    assert audit.TWO_FACTOR_FAILED in actions(editor)
    assert audit.TWO_FACTOR_VERIFIED in actions(editor)


def test_wrong_codes_are_throttled_too(enforced, django_user_model):
    user = account(django_user_model, "eva", "Dataskydd")
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    client = Client()
    login(client, "eva")
    for _ in range(5):
        client.post("/admin/tvastegs/verifiera/", {"code": "99999999"})
    response = client.post("/admin/tvastegs/verifiera/", {"code": "99999999"})
    assert response.status_code == 429
    assert audit.LOCKED_OUT in actions(user)


def test_other_editors_may_choose_and_then_must_use_it(enforced, django_user_model):
    editor = account(django_user_model, "fredrik", "Redaktör")
    client = Client()
    login(client, "fredrik")
    assert client.get("/admin/").status_code == 200
    assert "Tvåstegsverifiering är inte på" in client.get("/admin/tvastegs/").content.decode()
    set_up_second_factor(client, editor)
    response = client.post("/admin/tvastegs/", {"action": "off"})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert audit.TWO_FACTOR_DISABLED in actions(editor)


def test_a_required_second_factor_cannot_be_turned_off(enforced, django_user_model):
    user = account(django_user_model, "gun", "Dataskydd")
    client = Client()
    login(client, "gun")
    set_up_second_factor(client, user)
    client.post("/admin/tvastegs/", {"action": "off"})
    assert TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def test_a_setting_requires_it_for_everyone(enforced, django_user_model):
    enforced.KOMMUNWEBB_2FA_REQUIRED_FOR_ALL = True
    account(django_user_model, "hans", "Redaktör")
    client = Client()
    login(client, "hans")
    assert client.get("/admin/")["Location"].startswith("/admin/tvastegs/sla-pa/")


def test_reset_2fa_removes_the_devices_and_is_audited(django_user_model):
    user = account(django_user_model, "ida")
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    call_command("reset_2fa", "ida", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert actions(user) == [audit.TWO_FACTOR_DISABLED]


# --- Sessions --------------------------------------------------------------------------


def test_thirty_idle_minutes_end_the_session(django_user_model):
    user = account(django_user_model, "jan")
    client = Client()
    with time_machine.travel(1_800_000_000, tick=False) as clock:
        login(client, "jan")
        clock.shift(29 * 60)
        assert client.get("/admin/").status_code == 200
        clock.shift(29 * 60)
        assert client.get("/admin/").status_code == 200
        clock.shift(31 * 60)
        response = client.get("/admin/pages/")
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/?next=/admin/pages/")
        assert "_auth_user_id" not in client.session
    assert actions(user) == [audit.LOGIN, audit.SESSION_EXPIRED]


def test_twelve_hours_end_any_session(django_user_model, settings):
    account(django_user_model, "karin")
    client = Client()
    with time_machine.travel(1_800_000_000, tick=False) as clock:
        response = client.post(
            "/admin/login/", {"username": "karin", "password": PASSWORD, "remember": "on"}
        )
        assert response.status_code == 302
        assert client.cookies["sessionid"]["max-age"] == settings.SESSION_COOKIE_AGE == 12 * 3600
        for _ in range(12 * 3):
            clock.shift(20 * 60)
            assert client.get("/admin/").status_code == 200
        clock.shift(60)
        assert client.get("/admin/").status_code == 302
        assert "_auth_user_id" not in client.session
