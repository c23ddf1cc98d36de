import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kommunwebb.core.phone import (
    is_phone_number,
    link_phone_numbers,
    link_phone_numbers_in_html,
    tel_href,
)


@pytest.mark.parametrize(
    ("number", "href"),
    [
        ("040-34 92 92", "tel:+4640349292"),
        ("08-123 456 78", "tel:+46812345678"),
        ("070-123 45 67", "tel:+46701234567"),
        ("020-12 34 56", "tel:+4620123456"),
        ("+46 (0)40 34 92 92", "tel:+4640349292"),
        ("+46 40 34 92 92", "tel:+4640349292"),
        ("0046 40 34 92 92", "tel:+4640349292"),
        ("+45 33 12 34 56", "tel:+4533123456"),
        ("112", "tel:112"),
        ("1177", "tel:1177"),
        ("114 14", "tel:11414"),
        (" 040–34 92 92 ", "tel:+4640349292"),
    ],
)
def test_tel_href(number, href):
    assert tel_href(number) == href


@pytest.mark.parametrize(
    "number", ["", "12", "040", "ring växeln", "040-34 92 92 ank. 12", "+46 12", "0123456789012"]
)
def test_not_phone_numbers(number):
    assert not is_phone_number(number)
    with pytest.raises(ValueError):
        tel_href(number)


@given(
    st.lists(st.integers(0, 9), min_size=6, max_size=9).filter(lambda d: d[0] != 0),
    st.sampled_from([" ", "-", ""]),
)
def test_any_swedish_number_dials_the_same_written_either_way(digits, separator):
    national = "".join(map(str, digits))
    domestic = "0" + national[:2] + separator + national[2:]
    international = "+46 " + national
    assert tel_href(domestic) == tel_href(international) == f"tel:+46{national}"


@pytest.mark.parametrize(
    ("text", "linked"),
    [
        ("Ring 112.", ["112"]),
        ("Ring 112, 1177 eller 114\u00a014", ["112", "1177", "114\u00a014"]),
        ("Telefon: 040-628\u00a004\u00a010", ["040-628\u00a004\u00a010"]),
        ("Tel:020-12 34 56 och 070-123 45 67", ["020-12 34 56", "070-123 45 67"]),
        ("+46 (0)40 34 92 92 från utlandet", ["+46 (0)40 34 92 92"]),
        # A number followed by the hours it answers: the hours are not part of it.
        ("Ring 040-628 04 10 8–16 vardagar", ["040-628 04 10"]),
        ("(018-727 00 00)", ["018-727 00 00"]),
        # Dates, times, postcodes, amounts, decimals and case numbers are not numbers to call.
        ("Mötet är 2026-11-30 kl. 08.00–16.00.", []),
        ("Öppet 08:00-16:00 och 09.00–12.00", []),
        ("Sundhamns kommun, 299 99 Sundhamn", []),
        ("Box 0123 45", []),
        ("Avgiften är 112 kronor, eller 1177 kr för två.", []),
        ("Ökningen var 1,112 procent och 0,5 procent.", []),
        ("Diarienummer 0123456789012", []),
        ("Sedan år 2112 eller 11211", []),
    ],
)
def test_phone_numbers_in_running_text(text, linked):
    html = link_phone_numbers(text)
    assert re.findall(r'<a class="tel" href="tel:[+0-9]+">([^<]*)</a>', html) == linked


def test_rich_text_links_numbers_in_text_but_not_inside_links_or_code():
    html = (
        '<p>Ring <b>112</b> eller <a href="tel:1177">1177</a> &amp; 040-628 04 10.</p>'
        '<p><a href="/kontakt/">Växeln 040-628 04 00</a><br/><code>112</code> 5 &lt; 6</p>'
    )
    assert link_phone_numbers_in_html(html) == (
        '<p>Ring <b><a class="tel" href="tel:112">112</a></b> eller <a href="tel:1177">1177</a>'
        ' &amp; <a class="tel" href="tel:+46406280410">040-628 04 10</a>.</p>'
        '<p><a href="/kontakt/">Växeln 040-628 04 00</a><br/><code>112</code> 5 &lt; 6</p>'
    )


def test_rich_text_stays_escaped():
    # Text that an entity made harmless stays harmless after the rewrite.
    html = "<p>&lt;script&gt;alert(1)&lt;/script&gt; ring 112</p>"
    assert link_phone_numbers_in_html(html) == (
        '<p>&lt;script&gt;alert(1)&lt;/script&gt; ring <a class="tel" href="tel:112">112</a></p>'
    )
