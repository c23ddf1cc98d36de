"""From the old way of marking a decorative image to the explicit flag.

Editors used to write "-" as the alternative text of an image that is only decoration;
templates turned it into ``alt=""``. Images now carry a "decorative" flag instead: the body
blocks through Wagtail's ``ImageBlock``, the news and event pages through a field of their
own. The data migrations of core, news, events and topics convert existing content (the
pages and their revisions) with the functions here.
"""

from django.utils.deconstruct import deconstructible
from wagtail.blocks.migrations.operations import BaseBlockOperation

LEGACY_DECORATIVE = "-"


def alt_and_flag(alt_text) -> tuple[str, bool]:
    """(alternative text, decorative) for an old alternative text."""
    alt_text = (alt_text or "").strip()
    if alt_text == LEGACY_DECORATIVE:
        return "", True
    return alt_text, False


def figure_from_legacy(value: dict) -> dict:
    """An image body block's stored value, old to new.

    Old: ``{"image": 12, "alt_text": "…", "caption": "…", "credit": "…"}``.
    New: ``{"image": {"image": 12, "decorative": false, "alt_text": "…"}, "caption": …}``,
    the inner value being what Wagtail's ImageBlock stores. A value already converted is
    returned as it is, so running a migration twice changes nothing.
    """
    if isinstance(value.get("image"), dict):
        return value
    alt_text, decorative = alt_and_flag(value.get("alt_text"))
    rest = {key: item for key, item in value.items() if key not in ("image", "alt_text")}
    return {
        "image": {"image": value.get("image"), "decorative": decorative, "alt_text": alt_text},
        **rest,
    }


@deconstructible
class FigureFromLegacyOperation(BaseBlockOperation):
    """For Wagtail's ``MigrateStreamData``, on the stream's ``image`` children."""

    def apply(self, block_value):
        return figure_from_legacy(block_value)

    @property
    def operation_name_fragment(self):
        return "image_alt_to_image_block"


def flag_decorative_images(app_label: str, model_name: str, alt_field: str, flag_field: str):
    """A RunPython function: pages whose ``alt_field`` is "-" get ``flag_field`` set and
    an empty alternative text, in the live rows and in every revision."""

    def forwards(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        for page in model.objects.exclude(**{alt_field: ""}).only("pk", alt_field):
            alt_text, decorative = alt_and_flag(getattr(page, alt_field))
            if decorative:
                model.objects.filter(pk=page.pk).update(**{alt_field: alt_text, flag_field: True})
        content_type = (
            apps.get_model("contenttypes", "ContentType")
            .objects.filter(app_label=app_label, model=model_name.lower())
            .first()
        )
        if content_type is None:
            return  # a new database: no page of this type, and so no revision, yet
        revisions = apps.get_model("wagtailcore", "Revision").objects.filter(
            content_type=content_type
        )
        for revision in revisions.iterator():
            content = revision.content or {}
            alt_text, decorative = alt_and_flag(content.get(alt_field))
            if decorative:
                content[alt_field] = alt_text
                content[flag_field] = True
                revision.content = content
                revision.save(update_fields=["content"])

    return forwards
