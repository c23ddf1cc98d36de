"""From free-text tags (taggit) to the managed vocabulary: used by the data migrations of
news (articles' tags) and topics (a topic page's tag).

A tag becomes the topic with the same name, created if needed, so both migrations map one
tag to one topic whichever runs first. The pages' revisions are converted too, so a draft
or an older version that is restored keeps its topics.
"""

from kommunwebb.core.slugs import ascii_slug


def topic_for_tag(topic_model, tag):
    """The topic named like ``tag`` (historical models, inside a migration)."""
    topic = topic_model.objects.filter(name=tag.name).first()
    if topic is not None:
        return topic
    base = tag.slug if tag.slug and tag.slug.isascii() else ascii_slug(tag.name)
    base = (base or "amne")[:70]
    slug, number = base, 1
    while topic_model.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return topic_model.objects.create(name=tag.name[:80], slug=slug)


def revisions_of(apps, app_label: str, model_name: str):
    content_type = (
        apps.get_model("contenttypes", "ContentType")
        .objects.filter(app_label=app_label, model=model_name.lower())
        .first()
    )
    if content_type is None:
        return []  # a new database: no page of this type, and so no revision, yet
    revision_model = apps.get_model("wagtailcore", "Revision")
    return revision_model.objects.filter(content_type=content_type).iterator()
