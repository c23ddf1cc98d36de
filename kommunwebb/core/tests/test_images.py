"""Images in the body: Wagtail's ImageBlock with an explicit decorative flag instead of the
old "-" as alternative text, the conversion of stored content, and what a visitor gets."""

import json

import pytest
from bs4 import BeautifulSoup
from wagtail.blocks import StructBlockValidationError
from wagtail.models import Revision
from wagtail_factories import ImageFactory

from kommunwebb.core.alt_text import alt_and_flag, figure_from_legacy
from kommunwebb.core.blocks import FigureBlock
from kommunwebb.core.factories import StandardPageFactory
from kommunwebb.core.models import StandardPage
from kommunwebb.testing.images import assert_converted, legacy_body
from kommunwebb.testing.migrations import (
    migrated_back,
    tree_root,
    write_raw_stream,
    write_revision_content,
)

# --- The conversion, without a database -------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("-", ("", True)),
        ("  -  ", ("", True)),
        ("Lövträd i höstfärger", ("Lövträd i höstfärger", False)),
        (" Kajen ", ("Kajen", False)),
        ("--", ("--", False)),
        ("", ("", False)),
        (None, ("", False)),
    ],
)
def test_only_a_lone_dash_meant_decorative(old, new):
    assert alt_and_flag(old) == new


def test_an_old_image_block_becomes_an_image_block_inside_the_figure():
    old = {"image": 12, "alt_text": "-", "caption": "Mönster", "credit": "Anna"}
    new = figure_from_legacy(old)
    assert new == {
        "image": {"image": 12, "decorative": True, "alt_text": ""},
        "caption": "Mönster",
        "credit": "Anna",
    }
    described = figure_from_legacy({"image": 7, "alt_text": "Kajen", "caption": ""})
    assert described["image"] == {"image": 7, "decorative": False, "alt_text": "Kajen"}
    # Converting again changes nothing (a migration may meet converted revisions).
    assert figure_from_legacy(new) == new


# --- Editors ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_image_needs_alt_text_or_the_decorative_flag():
    block = FigureBlock()
    image = ImageFactory()

    def value(alt_text, decorative):
        return block.to_python(
            {
                "image": {"image": image.pk, "alt_text": alt_text, "decorative": decorative},
                "caption": "",
                "credit": "",
            }
        )

    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value("", False))
    message = str(error.value.block_errors["image"].block_errors["alt_text"].messages)
    assert "markera bilden som dekorativ" in message
    assert block.clean(value("Kajen i solnedgången", False))["image"].contextual_alt_text
    assert block.clean(value("", True))["image"].decorative


# --- Visitors -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_decorative_image_has_empty_alt_and_a_described_one_its_text(client, home):
    image = ImageFactory()
    page = StandardPageFactory(parent=home, title="Bilder")
    page.body = json.dumps(
        [
            {"type": "image", "value": figure_from_legacy(block["value"])}
            for block in legacy_body(image.pk)
            if block["type"] == "image"
        ]
    )
    page.save_revision().publish()
    html = BeautifulSoup(client.get(page.url).content, "html.parser")
    alts = [img["alt"] for img in html.select("figure.image-block img")]
    assert alts == ["", "Lövträd i höstfärger"]


# --- The data migration on real rows ----------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_migration_converts_live_content_and_revisions():
    root = tree_root()  # first: the image needs the root collection
    image = ImageFactory()
    page = StandardPageFactory(parent=root, title="Gammal sida")
    revision = page.save_revision()
    with migrated_back("core", "0001_initial") as old_apps:
        old_page = old_apps.get_model("core", "StandardPage")
        write_raw_stream(old_page, page.pk, "body", legacy_body(image.pk))
        write_revision_content(revision, body=legacy_body(image.pk))
    assert_converted(StandardPage.objects.get(pk=page.pk).body, image.pk)
    assert_converted(Revision.objects.get(pk=revision.pk).as_object().body, image.pk)


# --- In the admin -------------------------------------------------------------------------


@pytest.mark.django_db
def test_editor_is_told_in_swedish_and_can_mark_an_image_decorative(admin_client, home):
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    image = ImageFactory()
    page = StandardPageFactory(parent=home, title="Bilder", slug="bilder")
    url = f"/admin/pages/{page.pk}/edit/"
    assert admin_client.get(url).status_code == 200

    def publish(**image_value):
        figure = {"image": {"image": image.pk, **image_value}, "caption": "", "credit": ""}
        data = nested_form_data(
            {
                "title": "Bilder",
                "slug": "bilder",
                "intro": "",
                "body": streamfield([("image", figure)]),
                "action-publish": "action-publish",
            }
        )
        return admin_client.post(url, data)

    refused = publish(alt_text="")
    assert refused.status_code == 200
    assert "markera bilden som dekorativ" in refused.content.decode()
    assert not StandardPage.objects.get(pk=page.pk).body

    assert publish(decorative="on", alt_text="").status_code == 302
    (figure,) = StandardPage.objects.get(pk=page.pk).body
    assert figure.value["image"].decorative is True
