import pytest
from hypothesis import given
from hypothesis import strategies as st

from kommunwebb.core.phone import is_phone_number, tel_href


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
