import json

import pytest
from django.core.cache import cache

from kommunwebb.analytics import pages

CONSENTED = "s.1." + "A" * 22
DECLINED = "n.1." + "B" * 22
BROWSER = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/130.0.0.0 Safari/537.36"
)
PHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)


@pytest.fixture(autouse=True)
def _fresh_caches(settings):
    settings.CONSENT_POLICY_VERSION = 1
    pages.clear_cache()
    cache.clear()
    yield
    pages.clear_cache()
    cache.clear()


@pytest.fixture
def article(home):
    from kommunwebb.core.factories import StandardPageFactory

    return StandardPageFactory(parent=home, slug="luftkvalitet", title="Luftkvaliteten")


@pytest.fixture
def post_beacon(client):
    """POST a beacon as stats.js does: same origin, text/plain, consent given."""

    def post(data, *, consent=CONSENTED, raw=None, user_agent=BROWSER, headers=None, **extra):
        if consent:
            client.cookies["kw_consent"] = consent
        elif "kw_consent" in client.cookies:
            del client.cookies["kw_consent"]
        body = raw if raw is not None else json.dumps(data).encode()
        all_headers = {"Origin": "http://testserver", "User-Agent": user_agent}
        all_headers.update(headers or {})
        return client.post(
            "/statistik/beacon",
            data=body,
            content_type=extra.pop("content_type", "text/plain;charset=UTF-8"),
            headers={k: v for k, v in all_headers.items() if v is not None},
            **extra,
        )

    return post
