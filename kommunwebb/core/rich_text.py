"""Links in rich text that leave the site say so: an icon for the eye (site CSS) and, for a
screen reader, a description shared by every such link (``external-link-note`` in
base.html). Wagtail rewrites only a link's opening tag, so the words cannot go inside the
link as they do in templates (includes/external_mark.html)."""

from django.utils.html import format_html
from wagtail.rich_text import LinkHandler

NOTE_ID = "external-link-note"


class ExternalLinkHandler(LinkHandler):
    identifier = "external"

    @staticmethod
    def expand_db_attributes(attrs: dict) -> str:
        return format_html(
            '<a href="{}" class="external-link" aria-describedby="{}">',
            attrs.get("href", ""),
            NOTE_ID,
        )
