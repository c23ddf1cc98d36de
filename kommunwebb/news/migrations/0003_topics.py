# News articles choose their topics from the managed vocabulary (kommunwebb/taxonomy) instead
# of free-text tags. Every tag in use becomes a topic of the same name; articles and their
# revisions keep theirs.

import modelcluster.fields
from django.db import migrations

from kommunwebb.taxonomy.legacy import revisions_of, topic_for_tag


def tags_to_topics(apps, schema_editor):
    tag_model = apps.get_model("taggit", "Tag")
    topic_model = apps.get_model("taxonomy", "Topic")
    article_model = apps.get_model("news", "NewsArticlePage")
    news_tag_model = apps.get_model("news", "NewsTag")
    topic_ids = {}

    def topic_id(tag_id):
        if tag_id not in topic_ids:
            tag = tag_model.objects.filter(pk=tag_id).first()
            topic_ids[tag_id] = topic_for_tag(topic_model, tag).pk if tag else None
        return topic_ids[tag_id]

    through = article_model.topics.through
    for item in news_tag_model.objects.order_by("pk"):
        if (topic := topic_id(item.tag_id)) is not None:
            through.objects.get_or_create(newsarticlepage_id=item.content_object_id, topic_id=topic)
    for revision in revisions_of(apps, "news", "NewsArticlePage"):
        content = revision.content or {}
        if "tagged_items" not in content:
            continue
        ids = [topic_id(item.get("tag")) for item in content.pop("tagged_items") or []]
        content["topics"] = sorted({pk for pk in ids if pk is not None})
        revision.content = content
        revision.save(update_fields=["content"])


class Migration(migrations.Migration):

    dependencies = [
        ("news", "0002_image_block_decorative"),
        ("taxonomy", "0001_initial"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="newsarticlepage",
            name="topics",
            field=modelcluster.fields.ParentalManyToManyField(
                blank=True,
                help_text="Ämnen som nyheten hör till. Listan sköts av webbredaktionen under Ämnen.",
                related_name="news_articles",
                to="taxonomy.topic",
                verbose_name="ämnen",
            ),
        ),
        migrations.RunPython(tags_to_topics, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="newsarticlepage",
            name="tags",
        ),
        migrations.DeleteModel(
            name="NewsTag",
        ),
    ]
