"""VMA (Viktigt meddelande till allmänheten) from the national warning system on the site.

Sveriges Radio publishes each VMA as a CAP 1.2 message, as XML and as JSON of the same
shape (``{"alerts": [{"identifier": ..., "info": [{"area": [{"geocode": [{"valueName":
"Kommun", "value": "1280"}]}]}]}]}``). The task worker polls every configured source once a
minute (``KOMMUNWEBB_VMA["SOURCES"]``) with its ETag and Last-Modified, a timeout and a
size limit, backs off after failures, and keeps the messages whose area geocodes include
the site's municipality or county code (SCB).

A kept message becomes an alert of level VMA, published like an editor's (a revision, the
log, the page cache invalidated): an ``Update`` replaces the alert of the message it
references and adds to its history, a ``Cancel`` unpublishes it, its ``expires`` is the
alert's expiry. ``Test``, ``Exercise`` and other non-``Actual`` messages stay drafts, seen
by editors in the admin only. Input from outside is never trusted: XML is read with
defusedxml (no DTDs, no entities, so no XXE or billion laughs), anything malformed is
skipped with a log line, and nothing in it can make the job fail.
"""

import json
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import requests
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext, gettext_lazy

from .models import Alert, AlertLevel, AlertSource, VmaSource

logger = logging.getLogger(__name__)

CAP_NS = "{urn:oasis:names:tc:emergency:cap:1.2}"
MAX_BACKOFF = timedelta(hours=1)
# Field lengths kept of a message: enough for any real VMA, bounded for a hostile one.
MAX_TITLE, MAX_TEXT, MAX_FIELD = 120, 4000, 250
MAX_MESSAGES = 200


class SourceError(Exception):
    """A source answered with something that cannot be read; the whole answer is skipped."""


@dataclass
class Info:
    language: str = ""
    event: str = ""
    headline: str = ""
    description: str = ""
    web: str = ""
    sender_name: str = ""
    expires: datetime | None = None
    geocodes: set[str] = field(default_factory=set)


@dataclass
class Message:
    identifier: str
    sender: str
    sent: datetime | None
    status: str
    msg_type: str
    references: list[str]
    infos: list[Info]

    def concerns(self, codes: set[str]) -> bool:
        return any(info.geocodes & codes for info in self.infos)

    def info(self, prefix: str) -> Info | None:
        return next((i for i in self.infos if i.language.lower().startswith(prefix)), None)


def conf(name, default=None):
    return getattr(settings, "KOMMUNWEBB_VMA", {}).get(name, default)


def _text(value, limit=MAX_FIELD) -> str:
    return str(value or "").replace("\x00", "").strip()[:limit]


def _time(value) -> datetime | None:
    try:
        parsed = parse_datetime(str(value or "").strip())
    except ValueError:
        return None
    if parsed is not None and timezone.is_naive(parsed):
        return None  # CAP times always carry an offset; one without is not a CAP time
    return parsed


def _references(value) -> list[str]:
    """CAP's references: "sender,identifier,sent" triples separated by spaces."""
    found = []
    for triple in str(value or "").split():
        parts = triple.split(",")
        if len(parts) == 3 and parts[1]:
            found.append(parts[1][:MAX_FIELD])
    return found


def _web(value) -> str:
    url = _text(value, 500)
    return url if url.startswith(("https://", "http://")) else ""


# --------------------------------------------------------------------------- reading


def _from_dict(data: dict) -> Message:
    infos = []
    for raw in data.get("info") or []:
        if not isinstance(raw, dict):
            continue
        geocodes = set()
        for area in raw.get("area") or []:
            codes = area.get("geocode") if isinstance(area, dict) else None
            for code in codes if isinstance(codes, list) else []:
                if isinstance(code, dict):
                    geocodes.add(_text(code.get("value"), 20))
        infos.append(
            Info(
                language=_text(raw.get("language"), 20),
                event=_text(raw.get("event")),
                headline=_text(raw.get("headline")),
                description=_text(raw.get("description"), MAX_TEXT),
                web=_web(raw.get("web")),
                sender_name=_text(raw.get("senderName")),
                expires=_time(raw.get("expires")),
                geocodes=geocodes,
            )
        )
    identifier = _text(data.get("identifier"))
    if not identifier:
        raise ValueError("a message without identifier")
    return Message(
        identifier=identifier,
        sender=_text(data.get("sender")),
        sent=_time(data.get("sent")),
        status=_text(data.get("status"), 20),
        msg_type=_text(data.get("msgType"), 20),
        references=_references(data.get("references")),
        infos=infos,
    )


def _xml_to_dict(element) -> dict:
    """A CAP <alert> element as the JSON form's dict (repeated elements become lists)."""

    def local(tag):
        return tag.rsplit("}", 1)[-1]

    def convert(node):
        children = list(node)
        if not children:
            return node.text or ""
        result: dict = {}
        for child in children:
            name = local(child.tag)
            value = convert(child)
            if name in ("info", "area", "geocode", "resource", "parameter", "eventCode"):
                result.setdefault(name, []).append(value)
            else:
                result[name] = value
        return result

    return convert(element)


def parse(body: bytes, content_type: str = "") -> list[Message]:
    """Every readable CAP message in an answer: JSON (Sveriges Radio's form: an object with
    "alerts", a list, or one message) or XML (one <alert>, or any document holding them).
    Raises SourceError if the answer as a whole cannot be read."""
    start = body.lstrip()[:1]
    raw_messages: list = []
    if "json" in content_type or start in (b"{", b"["):
        try:
            data = json.loads(body)
        except (ValueError, RecursionError) as error:
            raise SourceError(f"not JSON: {error}") from None
        if isinstance(data, dict):
            data = data.get("alerts", [data]) if "identifier" not in data else [data]
        if not isinstance(data, list):
            raise SourceError("JSON without messages")
        raw_messages = [item for item in data if isinstance(item, dict)]
    else:
        try:
            root = fromstring(body, forbid_dtd=True)
        except (DefusedXmlException, SyntaxError, ValueError) as error:
            raise SourceError(f"not CAP XML: {type(error).__name__}") from None
        alerts = [root] if root.tag == f"{CAP_NS}alert" else list(root.iter(f"{CAP_NS}alert"))
        raw_messages = [_xml_to_dict(element) for element in alerts]
    messages = []
    for raw in raw_messages[:MAX_MESSAGES]:
        try:
            messages.append(_from_dict(raw))
        except (ValueError, TypeError, AttributeError) as error:
            logger.warning("vma: a message skipped: %s", error)
    return messages


# --------------------------------------------------------------------------- fetching


def fetch(source: VmaSource) -> tuple[bytes, str] | None:
    """The source's answer (body, content type), or None if unchanged since the last poll."""
    headers = {"Accept": "application/json, application/xml;q=0.9, */*;q=0.5"}
    if source.etag:
        headers["If-None-Match"] = source.etag
    if source.last_modified:
        headers["If-Modified-Since"] = source.last_modified
    limit = conf("MAX_BYTES", 2_000_000)
    with requests.get(
        source.url,
        headers=headers,
        timeout=conf("TIMEOUT", 10),
        stream=True,
        allow_redirects=False,
    ) as response:
        if response.status_code == 304:
            return None
        if response.status_code != 200:
            raise SourceError(f"HTTP {response.status_code}")
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            raise SourceError("too large")
        body = b""
        for chunk in response.iter_content(64 * 1024):
            body += chunk
            if len(body) > limit:
                raise SourceError("too large")
        source.etag = _text(response.headers.get("ETag"))
        source.last_modified = _text(response.headers.get("Last-Modified"), 100)
        return body, response.headers.get("Content-Type", "")


# --------------------------------------------------------------------------- applying


def _publish(alert: Alert, note: str):
    alert.update_note = note
    revision = alert.save_revision()
    revision.publish()


def apply(message: Message, now=None) -> Alert | None:
    """Make the site show what ``message`` says; returns the alert it touched."""
    now = now or timezone.now()
    if Alert.objects.filter(source=AlertSource.VMA, external_id=message.identifier).exists():
        return None  # seen before: polls repeat the current messages
    referenced = (
        Alert.objects.filter(source=AlertSource.VMA, external_id__in=message.references)
        .order_by("-pk")
        .first()
    )
    if message.msg_type == "Cancel":
        if referenced is not None and referenced.live:
            referenced.unpublish()
        return referenced

    swedish = message.info("sv") or (message.infos[0] if message.infos else Info())
    english = message.info("en")
    alert = referenced or Alert(source=AlertSource.VMA, level=AlertLevel.VMA)
    alert.external_id = message.identifier
    alert.title = _text(swedish.headline or swedish.event or "VMA", MAX_TITLE)
    alert.message = swedish.description or swedish.headline or swedish.event
    alert.message_en = english.description if english else ""
    alert.sender = swedish.sender_name or message.sender
    alert.external_url = swedish.web
    alert.expire_at = swedish.expires
    alert.level = AlertLevel.VMA
    actual = message.status == "Actual"
    expired = alert.expire_at is not None and alert.expire_at <= now
    if not actual:
        # Tests and exercises: a draft editors see in the admin, never on the public site.
        alert.title = _text(f"[{message.status or 'Test'}] {alert.title}", MAX_TITLE)
        alert.live = False
        alert.save()
        alert.save_revision()
        return alert
    if alert.pk is None:
        alert.live = False
        alert.save()
    if expired:
        alert.save()
        if alert.live:
            alert.unpublish()
        return alert
    note = "Uppdaterat meddelande" if referenced is not None else ""
    _publish(alert, note)
    return alert


def wanted_codes() -> set[str]:
    return {code for code in (conf("MUNICIPALITY_CODE"), conf("COUNTY_CODE")) if code}


def poll_source(url: str, now=None) -> int:
    """Poll one source if its back-off allows; the number of messages applied."""
    now = now or timezone.now()
    source, _ = VmaSource.objects.get_or_create(url=url)
    if source.next_attempt_at and source.next_attempt_at > now:
        return 0
    codes = wanted_codes()
    try:
        answer = fetch(source)
        messages = parse(*answer) if answer is not None else []
    except (requests.RequestException, SourceError) as error:
        source.failures += 1
        wait = min(MAX_BACKOFF, timedelta(minutes=2 ** min(source.failures - 1, 10)))
        source.next_attempt_at = now + wait
        source.last_error = _text(f"{type(error).__name__}: {error}")
        source.save()
        logger.warning("vma: %s failed (%s), next try in %s", url, source.last_error, wait)
        return 0
    applied = 0
    for message in messages:
        if not message.concerns(codes):
            continue
        try:
            with transaction.atomic():
                if apply(message, now) is not None:
                    applied += 1
        except Exception:  # one bad message must not stop the others
            logger.exception("vma: message %s not applied", message.identifier)
    source.failures = 0
    source.next_attempt_at = None
    source.last_success_at = now
    source.last_error = ""
    source.save()
    return applied


def poll():
    """The task worker's job, every minute: every configured source."""
    for url in conf("SOURCES", []):
        poll_source(url)


# --------------------------------------------------------------------------- for editors

# Non-Actual CAP statuses, as apply() marks them in a draft's title, in the editors' words.
STATUS_NAMES = {
    "Test": gettext_lazy("Test"),
    "Exercise": gettext_lazy("Övning"),
    "System": gettext_lazy("Systemmeddelande"),
    "Draft": gettext_lazy("Utkast"),
}


def hidden_status(title: str) -> tuple[str, str]:
    """``("Övning", "Vattenläcka")`` for a draft titled "[Exercise] Vattenläcka"."""
    status, closing, rest = title.removeprefix("[").partition("] ")
    if not title.startswith("[") or not closing:
        return gettext("Test"), title
    return str(STATUS_NAMES.get(status, gettext("Test"))), rest


def describe_error(stored: str) -> str:
    """``VmaSource.last_error`` (poll_source: "<exception>: <detail>", for the log) in words
    an editor can act on, in Swedish."""
    kind, _, detail = stored.partition(": ")
    if kind == "SourceError":
        if detail.startswith("HTTP "):
            return gettext("Källan svarade med felkod %(code)s i stället för meddelanden.") % {
                "code": detail.removeprefix("HTTP ")
            }
        if detail == "too large":
            return gettext("Svaret var större än %(size)s MB och lästes inte.") % {
                "size": conf("MAX_BYTES", 2_000_000) // 1_000_000
            }
        return gettext(
            "Svaret gick inte att läsa: det var varken CAP 1.2 (XML) eller Sveriges Radios JSON."
        )
    if "Timeout" in kind:
        return gettext("Källan svarade inte inom %(seconds)s sekunder.") % {
            "seconds": conf("TIMEOUT", 10)
        }
    if kind == "SSLError":
        return gettext("Källans certifikat kunde inte kontrolleras.")
    if kind in ("ConnectionError", "InvalidURL", "MissingSchema", "InvalidSchema"):
        return gettext("Det gick inte att nå källan: kontrollera adressen och nätverket.")
    return gettext("Hämtningen misslyckades.")
