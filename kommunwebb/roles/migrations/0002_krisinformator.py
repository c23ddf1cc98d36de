"""The crisis communicator's role, **Krisinformatör** (docs/crisis.md): publishes alerts and
switches crisis mode on and off at once, without the approval workflow, and nothing else.

* Krisinformatör: admin access; alerts and crisis mode (Krisläge), including publishing.
* Webbredaktör: crisis mode too, including publishing.
* Redaktör: may prepare crisis scenarios (drafts) and submit them; the default workflow
  "Godkännande av webbredaktör" is attached to crisis mode, so their changes wait for a
  web editor, while the two roles above publish directly (Wagtail offers "Publicera" to
  whoever has the publish permission, workflow or not).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

KRISINFORMATOR, WEBBREDAKTOR, REDAKTOR = "Krisinformatör", "Webbredaktör", "Redaktör"
DEFAULT_WORKFLOW = "Godkännande av webbredaktör"
SNIPPET = ("add", "change", "delete", "view", "publish", "lock", "unlock")
GRANTS = {
    KRISINFORMATOR: [
        ("wagtailadmin", "admin", ("access",)),
        ("alerts", "alert", SNIPPET),
        ("alerts", "crisis", SNIPPET),
    ],
    WEBBREDAKTOR: [("alerts", "crisis", SNIPPET)],
    REDAKTOR: [("alerts", "crisis", ("add", "change", "view", "lock", "unlock"))],
}


def _permission(apps, app_label, model, action):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    codename = f"{action}_{model}"
    return Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": codename}
    )[0]


def create_role(apps, schema_editor):
    app_config = apps.get_app_config("alerts")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    for name, grants in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *[
                _permission(apps, app_label, model, action)
                for app_label, model, actions in grants
                for action in actions
            ]
        )

    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    ContentType = apps.get_model("contenttypes", "ContentType")
    workflow = Workflow.objects.filter(name=DEFAULT_WORKFLOW).first()
    if workflow is not None:
        crisis_type, _ = ContentType.objects.get_or_create(app_label="alerts", model="crisis")
        WorkflowContentType.objects.get_or_create(
            content_type=crisis_type, defaults={"workflow": workflow}
        )


def remove_role(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    Group.objects.filter(name=KRISINFORMATOR).delete()
    crisis = Permission.objects.filter(content_type__app_label="alerts", codename__endswith="_crisis")
    for group in Group.objects.filter(name__in=(WEBBREDAKTOR, REDAKTOR)):
        group.permissions.remove(*crisis)
    WorkflowContentType.objects.filter(
        content_type__app_label="alerts", content_type__model="crisis"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("roles", "0001_roles_and_review"),
        ("alerts", "0006_crisis_mode"),
    ]

    operations = [migrations.RunPython(create_role, remove_role)]
