"""Every address a page links to by URL: rich text links, URL blocks and URL fields, with
the field it was found in. Links to pages and documents chosen in the admin are Wagtail
references (``internal.py``), not addresses, and are not listed here."""

from dataclasses import dataclass
from html.parser import HTMLParser

from django.db import models
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.rich_text import RichText


@dataclass(frozen=True)
class FoundLink:
    url: str
    field: str
    text: str = ""


class _Anchors(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        self._open: list[str] | None = None
        self._href = ""

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            attributes = dict(attrs)
            if "linktype" not in attributes and attributes.get("href"):
                self._href, self._open = attributes["href"], []

    def handle_data(self, data):
        if self._open is not None:
            self._open.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._open is not None:
            self.links.append((self._href, " ".join("".join(self._open).split())))
            self._open = None


def links_in_html(html: str) -> list[tuple[str, str]]:
    """(href, text) of every link by address in stored rich text."""
    parser = _Anchors()
    parser.feed(html or "")
    parser.close()
    return parser.links


def _walk(block, value, label: str):
    if value is None:
        return
    if isinstance(block, blocks.URLBlock):
        if value:
            yield FoundLink(str(value), label)
    elif isinstance(block, blocks.RichTextBlock):
        source = value.source if isinstance(value, RichText) else str(value)
        for href, text in links_in_html(source):
            yield FoundLink(href, label, text)
    elif isinstance(block, blocks.StructBlock) and isinstance(value, dict):
        # (Wagtail's ImageBlock is a StructBlock whose value is the image: nothing to find.)
        for name, child in block.child_blocks.items():
            yield from _walk(child, value.get(name), label)
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            yield from _walk(block.child_block, item, label)
    elif isinstance(block, blocks.StreamBlock):
        for child in value:
            yield from _walk(child.block, child.value, label)


def page_links(page) -> list[FoundLink]:
    """The addresses in a page's content (the specific page, as it is live)."""
    found: list[FoundLink] = []
    for field in page._meta.concrete_fields:
        label = str(field.verbose_name)
        if isinstance(field, StreamField):
            value = getattr(page, field.attname, None)
            if value is not None:
                found.extend(_walk(field.stream_block, value, label))
        elif isinstance(field, RichTextField):
            for href, text in links_in_html(getattr(page, field.attname, "") or ""):
                found.append(FoundLink(href, label, text))
        elif isinstance(field, models.URLField) and (value := getattr(page, field.attname, "")):
            found.append(FoundLink(value, label))
    return found
