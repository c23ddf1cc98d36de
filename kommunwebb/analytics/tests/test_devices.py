"""Device classes from user agents and referrer hosts, without a database."""

import pytest

from kommunwebb.analytics.devices import BOT, DESKTOP, MOBILE, TABLET, device_class, referrer_host

CHROME_DESKTOP = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/130.0.0.0 Safari/537.36"
)


@pytest.mark.parametrize(
    ("user_agent", "expected"),
    [
        (CHROME_DESKTOP, DESKTOP),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:131.0) Gecko/20100101 Firefox/131.0",
            DESKTOP,
        ),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
            "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
            MOBILE,
        ),
        (
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/130.0.0.0 Mobile Safari/537.36",
            MOBILE,
        ),
        (
            "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
            "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
            TABLET,
        ),
        (
            "Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/130.0.0.0 Safari/537.36",
            TABLET,
        ),
        ("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", BOT),
        ("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", BOT),
        (CHROME_DESKTOP.replace("Chrome/", "HeadlessChrome/"), BOT),
        ("Mozilla/5.0 (Linux; Android 11; moto g power (2022)) Chrome-Lighthouse", BOT),
        ("facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)", BOT),
        ("curl/8.5.0", BOT),
        ("python-requests/2.32.3", BOT),
        ("", BOT),
        (None, BOT),
    ],
)
def test_device_class(user_agent, expected):
    assert device_class(user_agent) == expected


@pytest.mark.parametrize(
    ("referrer", "expected"),
    [
        ("https://www.google.com/search?q=sophiahemmet+diabetes", "google.com"),
        ("https://sv.wikipedia.org/wiki/Sundhamn", "sv.wikipedia.org"),
        ("android-app://com.google.android.gm/", "com.google.android.gm"),
        ("https://kommun.example/nyheter/", ""),  # this site
        ("https://WWW.Kommun.Example/", ""),
        ("http://192.0.2.10/page", ""),  # an address is not kept, not even as a referrer
        ("http://[2001:db8::1]/", ""),
        ("javascript:alert(1)", ""),
        ("not a url", ""),
        ("", ""),
        (None, ""),
        ("https://" + "a" * 300 + ".example/", ""),
    ],
)
def test_referrer_host(referrer, expected):
    assert referrer_host(referrer, own_hosts={"kommun.example"}) == expected
