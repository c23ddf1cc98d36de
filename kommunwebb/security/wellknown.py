"""``/.well-known/security.txt`` (RFC 9116): where to report a vulnerability, from settings.

Without ``KOMMUNWEBB_SECURITY_CONTACT`` there is nothing to say, and the address is a 404.
``Expires`` is required by the RFC; a city sets the date it will next review the file
(``KOMMUNWEBB_SECURITY_TXT_EXPIRES``, ISO 8601), else it is six months from the start of
the current month, so the file never claims more than it knows.
"""

from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.http import Http404, HttpResponse
from django.views.decorators.http import require_safe


def _list(value) -> list[str]:
    if isinstance(value, str):
        return [item.strip() for item in value.split(",") if item.strip()]
    return [str(item) for item in value or ()]


def expires(today: date | None = None) -> datetime:
    configured = getattr(settings, "KOMMUNWEBB_SECURITY_TXT_EXPIRES", "")
    if configured:
        moment = datetime.fromisoformat(configured)
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    today = today or datetime.now(UTC).date()
    first = today.replace(day=1)
    return datetime.combine(first + timedelta(days=183), datetime.min.time(), UTC)


def security_txt_lines(request) -> list[str]:
    contacts = _list(getattr(settings, "KOMMUNWEBB_SECURITY_CONTACT", ""))
    if not contacts:
        return []
    lines = [f"Contact: {contact}" for contact in contacts]
    lines.append(f"Expires: {expires().strftime('%Y-%m-%dT%H:%M:%SZ')}")
    for name, setting in (
        ("Encryption", "KOMMUNWEBB_SECURITY_ENCRYPTION"),
        ("Policy", "KOMMUNWEBB_SECURITY_POLICY"),
        ("Acknowledgments", "KOMMUNWEBB_SECURITY_ACKNOWLEDGMENTS"),
    ):
        lines += [f"{name}: {value}" for value in _list(getattr(settings, setting, ""))]
    lines.append("Preferred-Languages: sv, en")
    lines.append(f"Canonical: {request.build_absolute_uri('/.well-known/security.txt')}")
    return lines


@require_safe
def security_txt(request):
    lines = security_txt_lines(request)
    if not lines:
        raise Http404
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400"
    return response
