"""Our alerts as CAP 1.2 (OASIS Common Alerting Protocol), the format county, national and
media systems take warnings in, and the one Sveriges Radio publishes VMA in (vma.py reads it).

Each published version of an alert is one CAP message: the first an ``Alert``, every later
one an ``Update`` that references the version before it, so a receiver replaces what it
showed. Built with ElementTree (nothing from outside goes in unescaped); the tests validate
it against the OASIS schema.
"""

from xml.etree import ElementTree as ET

from django.conf import settings
from django.utils import timezone

from .models import AlertLevel

NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2"
# CAP's urgency, severity and certainty for each of our levels.
GRADES = {
    AlertLevel.VMA: ("Immediate", "Extreme", "Observed"),
    AlertLevel.CRISIS: ("Immediate", "Severe", "Observed"),
    AlertLevel.IMPORTANT: ("Expected", "Moderate", "Likely"),
    AlertLevel.INFORMATION: ("Future", "Minor", "Likely"),
}


def cap_time(value) -> str:
    """CAP's dateTime: local time to the second with its offset, "2026-11-30T14:32:00+01:00"."""
    return timezone.localtime(value).replace(microsecond=0).isoformat()


def sender(host: str) -> str:
    # CAP forbids spaces, commas and "<" or "&" in identifiers; a host name has none.
    return host.split(":")[0]


def identifier(host: str, alert_pk: int, revision_pk) -> str:
    return f"{sender(host)}.alert.{alert_pk}.{revision_pk or 0}"


def municipality():
    """(SCB code, name) of the site's municipality, from settings (KOMMUNWEBB_VMA)."""
    conf = getattr(settings, "KOMMUNWEBB_VMA", {})
    return conf.get("MUNICIPALITY_CODE", ""), conf.get("AREA_NAME", "")


def _sub(parent, tag, text=None):
    element = ET.SubElement(parent, f"{{{NAMESPACE}}}{tag}")
    if text is not None:
        element.text = str(text)
    return element


def alert_message(alert, updates, host: str, url: str, sender_name: str) -> bytes:
    """One alert's current version as a CAP 1.2 message (UTF-8 XML). ``updates`` are its
    published versions, newest first (``Alert.updates()``); ``url`` its permalink."""
    ET.register_namespace("", NAMESPACE)
    root = ET.Element(f"{{{NAMESPACE}}}alert")
    current = updates[0] if updates else None
    _sub(root, "identifier", identifier(host, alert.pk, current and current.revision_id))
    _sub(root, "sender", sender(host))
    _sub(root, "sent", cap_time(current.at if current else alert.updated_at))
    _sub(root, "status", "Actual")
    _sub(root, "msgType", "Update" if len(updates) > 1 else "Alert")
    _sub(root, "scope", "Public")
    if len(updates) > 1:
        previous = updates[1]
        reference = identifier(host, alert.pk, previous.revision_id)
        _sub(root, "references", f"{sender(host)},{reference},{cap_time(previous.at)}")
    languages = [("sv-SE", alert.message)]
    if alert.message_en:
        languages.append(("en-US", alert.message_en))
    urgency, severity, certainty = GRADES.get(alert.level, GRADES[AlertLevel.INFORMATION])
    code, area_name = municipality()
    for language, text in languages:
        info = _sub(root, "info")
        _sub(info, "language", language)
        _sub(info, "category", "Safety")
        _sub(info, "event", alert.title)
        _sub(info, "urgency", urgency)
        _sub(info, "severity", severity)
        _sub(info, "certainty", certainty)
        if alert.expire_at:
            _sub(info, "expires", cap_time(alert.expire_at))
        _sub(info, "senderName", alert.sender or sender_name)
        _sub(info, "headline", alert.title[:160])
        _sub(info, "description", text)
        _sub(info, "web", url)
        area = _sub(info, "area")
        _sub(area, "areaDesc", area_name or sender_name)
        if code:
            geocode = _sub(area, "geocode")
            _sub(geocode, "valueName", "Kommun")
            _sub(geocode, "value", code)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
