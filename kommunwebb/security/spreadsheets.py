"""Spreadsheet exports that cannot run a formula (CSV/formula injection).

A visitor types ``=HYPERLINK("http://…","Klicka")`` into a form; an editor exports the
submissions and opens them in Excel or LibreOffice, which would run it. Every text value
that a spreadsheet program would read as a formula (starting with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return) is written with a leading apostrophe instead, which
spreadsheet programs show as plain text (OWASP's advice).

Every CSV the site writes itself (``gdpr``, ``analytics``) passes its rows through
:func:`neutralise`; every CSV and XLSX Wagtail writes (form submissions, reports, snippet
listings) goes through its ``SpreadsheetExportMixin``, which
:func:`neutralise_wagtail_exports` extends once at start.
"""

from __future__ import annotations

import re
from functools import wraps

# A formula character first, except a number or a telephone number ("-12", "+46 (0)40-12
# 34 56"): digits, spaces, brackets, dots and dashes call no function, and a registrar's
# export keeps telephone numbers as they were typed.
_FORMULA = re.compile(r"^[=@\t\r]|^[+-](?![\d\s().-]*$)")


def neutralise(value):
    """``value`` unchanged unless it is text a spreadsheet would run as a formula."""
    if isinstance(value, str) and _FORMULA.match(value):
        return "'" + value
    return value


def neutralise_row(row):
    return [neutralise(value) for value in row]


def neutralise_wagtail_exports():
    """Wrap SpreadsheetExportMixin's value and heading preparation, for every view that
    uses it. Idempotent."""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    if getattr(SpreadsheetExportMixin, "_kommunwebb_neutralised", False):
        return
    preprocess = SpreadsheetExportMixin.preprocess_field_value
    heading = SpreadsheetExportMixin.get_heading

    @wraps(preprocess)
    def preprocess_field_value(self, field, value, export_format):
        return neutralise(preprocess(self, field, value, export_format))

    @wraps(heading)
    def get_heading(self, queryset, field):
        return neutralise(heading(self, queryset, field))

    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
    SpreadsheetExportMixin.get_heading = get_heading
    SpreadsheetExportMixin._kommunwebb_neutralised = True
