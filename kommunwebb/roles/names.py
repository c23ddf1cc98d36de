"""The names the roles migration gives groups, workflows and tasks, in one place for the
code and tests that look them up. They are data, seen by editors in Swedish: changing one
here does not rename what an installation already has."""

WEBBREDAKTOR = "Webbredaktör"
REDAKTOR = "Redaktör"
GRANSKARE = "Granskare"
DATASKYDD = "Dataskydd"
STATISTIK = "Statistik"
# Publishes alerts and switches crisis mode without approval (0002, docs/crisis.md).
KRISINFORMATOR = "Krisinformatör"

# Wagtail's default workflow ("Moderators approval"), renamed: a web editor approves.
DEFAULT_WORKFLOW = "Godkännande av webbredaktör"
DEFAULT_TASK = "Webbredaktörens godkännande"
# The workflow a web editor attaches to a section whose pages a reviewer approves.
REVIEW_WORKFLOW = "Granskning före publicering"
REVIEW_TASK = "Granskarens godkännande"

# What an editor may do in a section given to them: write and submit for approval.
REDAKTOR_SECTION_PERMISSIONS = ("add", "change", "lock", "unlock")
