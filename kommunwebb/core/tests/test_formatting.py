import pytest
from hypothesis import given
from hypothesis import strategies as st

from kommunwebb.core.formatting import document_label, swedish_file_size


@pytest.mark.parametrize(
    ("size", "expected"),
    [
        (0, "0 B"),
        (999, "999 B"),
        (1000, "1,0 kB"),
        (15_400, "15 kB"),
        (2_600_000, "2,6 MB"),
        (2_649_999, "2,6 MB"),
        (12_345_678, "12 MB"),
        (3_100_000_000, "3,1 GB"),
    ],
)
def test_swedish_file_size(size, expected):
    assert swedish_file_size(size) == expected


def test_document_label_is_lower_case_with_comma():
    assert document_label("PDF", 2_600_000) == "pdf, 2,6 MB"
    assert document_label(".docx", None) == "docx"


def test_negative_size_is_refused():
    with pytest.raises(ValueError):
        swedish_file_size(-1)


@given(st.integers(min_value=0, max_value=10**13))
def test_never_a_decimal_point(size):
    text = swedish_file_size(size)
    assert "." not in text
    number, unit = text.split(" ")
    assert unit in {"B", "kB", "MB", "GB"}
