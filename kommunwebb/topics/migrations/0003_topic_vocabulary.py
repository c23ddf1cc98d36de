# A topic page follows a topic of the managed vocabulary (kommunwebb/taxonomy) instead of a
# free-text tag: the tag becomes the topic of the same name, in the page and its revisions.

import django.db.models.deletion
from django.db import migrations, models

from kommunwebb.taxonomy.legacy import revisions_of, topic_for_tag


def tag_to_topic(apps, schema_editor):
    tag_model = apps.get_model("taggit", "Tag")
    topic_model = apps.get_model("taxonomy", "Topic")
    page_model = apps.get_model("topics", "TopicPage")
    topic_ids = {}

    def topic_id(tag_id):
        if tag_id is None:
            return None
        if tag_id not in topic_ids:
            tag = tag_model.objects.filter(pk=tag_id).first()
            topic_ids[tag_id] = topic_for_tag(topic_model, tag).pk if tag else None
        return topic_ids[tag_id]

    for page in page_model.objects.exclude(topic=None).only("pk", "topic"):
        page_model.objects.filter(pk=page.pk).update(vocabulary_topic=topic_id(page.topic_id))
    for revision in revisions_of(apps, "topics", "TopicPage"):
        content = revision.content or {}
        if "topic" in content:
            content["topic"] = topic_id(content["topic"])
            revision.content = content
            revision.save(update_fields=["content"])


class Migration(migrations.Migration):

    dependencies = [
        ("topics", "0002_image_block_decorative"),
        ("taxonomy", "0001_initial"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="topicpage",
            name="vocabulary_topic",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="taxonomy.topic",
            ),
        ),
        migrations.RunPython(tag_to_topic, migrations.RunPython.noop),
        migrations.RemoveField(model_name="topicpage", name="topic"),
        migrations.RenameField(
            model_name="topicpage", old_name="vocabulary_topic", new_name="topic"
        ),
        migrations.AlterField(
            model_name="topicpage",
            name="topic",
            field=models.ForeignKey(
                blank=True,
                help_text="Nyheter med detta ämne visas på sidan.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="taxonomy.topic",
                verbose_name="nyhetsämne",
            ),
        ),
    ]
