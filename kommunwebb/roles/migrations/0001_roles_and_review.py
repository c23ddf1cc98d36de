"""The editorial roles and approval workflows, in Swedish (docs/editors.md).

* Wagtail's "Moderators" becomes **Webbredaktör**: everything editorial on the whole site
  (pages, images, documents, alerts, contact cards, search, redirects, site settings,
  workflows, statistics) and the accounts of the editors.
* Wagtail's "Editors" becomes **Redaktör**: may log in, upload, keep contact cards and read
  statistics; which pages they write is given per section (a group with page permissions on
  that section, see ``roles/sections.py``), and they submit pages for approval.
* **Granskare** approve pages in the sections that use "Granskning före publicering".
* **Statistik** reads the statistics and the searches that found nothing.
* **Dataskydd** (made by gdpr's migration) handles requests about personal data; nobody
  else gets that permission here.
* Wagtail's default workflow "Moderators approval" is renamed "Godkännande av webbredaktör"
  (it covers the whole site, and contact cards); "Granskning före publicering" is added for
  the web editor to attach to any section.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

WEBBREDAKTOR, REDAKTOR, GRANSKARE, STATISTIK = "Webbredaktör", "Redaktör", "Granskare", "Statistik"
DEFAULT_WORKFLOW, DEFAULT_TASK = "Godkännande av webbredaktör", "Webbredaktörens godkännande"
REVIEW_WORKFLOW, REVIEW_TASK = "Granskning före publicering", "Granskarens godkännande"
WAGTAIL_DEFAULT = "Moderators approval"

ALL = ("add", "change", "delete", "view")
SNIPPET = (*ALL, "publish", "lock", "unlock")
# (app label, model, actions) for each role's model permissions.
ROLES = {
    WEBBREDAKTOR: [
        ("wagtailadmin", "admin", ("access",)),
        ("alerts", "alert", SNIPPET),
        ("contacts", "contactcard", SNIPPET),
        ("kommunwebb_search", "synonymgroup", ALL),
        ("kommunwebb_search", "zeroresultquery", ("view",)),
        ("wagtailsearchpromotions", "searchpromotion", ALL),
        ("wagtailredirects", "redirect", ALL),
        ("core", "sitesettings", ("change",)),
        ("wagtailcore", "workflow", ("add", "change")),
        ("wagtailcore", "task", ("add", "change")),
        ("analytics", "dailysitestats", ("view_statistics",)),
        ("auth", "user", ("add", "change")),
        ("auth", "group", ("add", "change")),
    ],
    REDAKTOR: [
        ("wagtailadmin", "admin", ("access",)),
        ("contacts", "contactcard", ("add", "change", "view", "lock", "unlock")),
        ("analytics", "dailysitestats", ("view_statistics",)),
    ],
    GRANSKARE: [("wagtailadmin", "admin", ("access",))],
    STATISTIK: [
        ("wagtailadmin", "admin", ("access",)),
        ("analytics", "dailysitestats", ("view_statistics",)),
        ("kommunwebb_search", "zeroresultquery", ("view",)),
    ],
}
WEBBREDAKTOR_PAGES = ("add", "change", "publish", "bulk_delete", "lock", "unlock")
COLLECTIONS = {
    WEBBREDAKTOR: ("add", "change", "delete", "choose"),
    REDAKTOR: ("add", "choose"),
}
# Wagtail's own groups become two of the roles, with the users already in them.
RENAMED = {"Moderators": WEBBREDAKTOR, "Editors": REDAKTOR}


# Permissions a model declares itself, named as they are; the rest are "<action>_<model>".
CUSTOM = {"view_statistics"}


def _codename(action, model):
    return action if action in CUSTOM else f"{action}_{model}"


def _permission(apps, app_label, model, action):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    codename = _codename(action, model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": codename.replace("_", " ")},
    )
    return permission


def _group(apps, name):
    Group = apps.get_model("auth", "Group")
    for old, new in RENAMED.items():
        if new == name and not Group.objects.filter(name=name).exists():
            Group.objects.filter(name=old).update(name=new)
    return Group.objects.get_or_create(name=name)[0]


def create_roles(apps, schema_editor):
    # Permissions are normally made after all migrations; the groups need them now.
    for label in ("alerts", "contacts", "kommunwebb_search", "wagtailredirects", "core"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    groups = {name: _group(apps, name) for name in ROLES}
    for name, grants in ROLES.items():
        groups[name].permissions.set(
            [
                _permission(apps, app_label, model, action)
                for app_label, model, actions in grants
                for action in actions
            ]
        )

    # Pages: the web editor everywhere; editors only in the sections given to them.
    root = Page.objects.filter(depth=1).first()
    GroupPagePermission.objects.filter(group__in=groups.values()).delete()
    if root is not None:
        for action in WEBBREDAKTOR_PAGES:
            GroupPagePermission.objects.create(
                group=groups[WEBBREDAKTOR],
                page=root,
                permission=_permission(apps, "wagtailcore", "page", action),
            )

    # Images and documents, in every collection.
    collection = Collection.objects.filter(depth=1).first()
    GroupCollectionPermission.objects.filter(group__in=groups.values()).delete()
    if collection is not None:
        for name, actions in COLLECTIONS.items():
            for app_label, model in (("wagtailimages", "image"), ("wagtaildocs", "document")):
                for action in actions:
                    GroupCollectionPermission.objects.create(
                        group=groups[name],
                        collection=collection,
                        permission=_permission(apps, app_label, model, action),
                    )

    _workflows(apps, groups)


def _approval_task(apps, name, group):
    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task, _ = GroupApprovalTask.objects.get_or_create(
        name=name, defaults={"content_type": content_type, "active": True}
    )
    task.groups.set([group])
    return task


def _workflow(apps, name, task):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    workflow, _ = Workflow.objects.get_or_create(name=name, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


def _workflows(apps, groups):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")

    # Wagtail's default, renamed where it still has its English name.
    Workflow.objects.filter(name=WAGTAIL_DEFAULT).update(name=DEFAULT_WORKFLOW)
    Task.objects.filter(name=WAGTAIL_DEFAULT).update(name=DEFAULT_TASK)
    default = _workflow(
        apps, DEFAULT_WORKFLOW, _approval_task(apps, DEFAULT_TASK, groups[WEBBREDAKTOR])
    )
    root = Page.objects.filter(depth=1).first()
    if root is not None and not WorkflowPage.objects.filter(page=root).exists():
        WorkflowPage.objects.create(page=root, workflow=default)
    # Contact cards an editor changes wait for the web editor too.
    card_type, _ = ContentType.objects.get_or_create(app_label="contacts", model="contactcard")
    WorkflowContentType.objects.get_or_create(
        content_type=card_type, defaults={"workflow": default}
    )

    _workflow(apps, REVIEW_WORKFLOW, _approval_task(apps, REVIEW_TASK, groups[GRANSKARE]))


def rename_back(apps, schema_editor):
    """Wagtail's English names again. The new groups and the review workflow stay, with
    the users in them (delete them in the admin if they are not wanted): forwards again
    finds and reuses them."""
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    Workflow.objects.filter(name=DEFAULT_WORKFLOW).update(name=WAGTAIL_DEFAULT)
    Task.objects.filter(name=DEFAULT_TASK).update(name=WAGTAIL_DEFAULT)
    for old, new in RENAMED.items():
        Group.objects.filter(name=new).update(name=old)


class Migration(migrations.Migration):
    dependencies = [
        # The first migration of each app whose permissions the roles get: a data migration
        # of theirs can then be tested going back and forth without this one.
        ("alerts", "0001_initial"),
        ("contacts", "0001_initial"),
        ("analytics", "0002_statistics_permission_for_editors"),
        ("gdpr", "0002_dataskydd_group"),
        ("kommunwebb_search", "0002_editor_permissions"),
        ("core", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, rename_back)]
