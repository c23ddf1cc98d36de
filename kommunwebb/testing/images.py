"""Image body blocks as they were stored before Wagtail's ImageBlock, for the tests of the
data migrations in core, news, events and topics (kommunwebb/core/alt_text.py)."""


def legacy_body(image_id: int) -> list:
    """A body with a decorative image ("-"), a described one, and a paragraph."""
    return [
        {
            "type": "image",
            "id": "4d0e1a9c-0000-4000-8000-000000000001",
            "value": {"image": image_id, "alt_text": " - ", "caption": "Mönster", "credit": ""},
        },
        {
            "type": "image",
            "id": "4d0e1a9c-0000-4000-8000-000000000002",
            "value": {
                "image": image_id,
                "alt_text": "Lövträd i höstfärger",
                "caption": "",
                "credit": "Anna Berg",
            },
        },
        {"type": "paragraph", "id": "4d0e1a9c-0000-4000-8000-000000000003", "value": "<p>Hej</p>"},
    ]


def assert_converted(body, image_id: int) -> None:
    """The body of ``legacy_body`` after the migration, read through the current blocks."""
    decorative, described, paragraph = body
    assert decorative.block_type == described.block_type == "image"
    assert decorative.value["image"].pk == image_id
    assert decorative.value["image"].decorative is True
    assert decorative.value["image"].contextual_alt_text == ""
    assert decorative.value["caption"] == "Mönster"
    assert described.value["image"].decorative is False
    assert described.value["image"].contextual_alt_text == "Lövträd i höstfärger"
    assert described.value["credit"] == "Anna Berg"
    assert paragraph.block_type == "paragraph"
