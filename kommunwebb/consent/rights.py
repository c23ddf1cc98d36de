"""The rights tools' view of consent records (contract C4b).

A decision is stored under a random consent id and nothing else that points at a person,
so the only way to find a visitor's decisions is the id itself: the cookie settings page
shows it to the visitor, who can quote it when asking what is stored or asking for it to
be erased. Any other query (an e-mail address, a phone number) finds nothing here.
"""

from django.utils import timezone

from . import state

KIND = "consent.records"


def find(query: str) -> list[dict]:
    from .models import ConsentRecord

    consent_id = query.strip()
    if not state.is_consent_id(consent_id):
        return []
    return [
        {
            "kind": KIND,
            "id": record.pk,
            "created_at": timezone.localtime(record.decided_at).isoformat(),
            "consent_id": record.consent_id,
            "policy_version": record.policy_version,
            "statistics": "ja" if record.statistics else "nej",
        }
        for record in ConsentRecord.objects.filter(consent_id=consent_id).order_by("decided_at")
    ]


def erase(items: list[dict]) -> int:
    from .models import ConsentRecord

    ids = [item["id"] for item in items if item.get("kind") == KIND]
    deleted, _ = ConsentRecord.objects.filter(pk__in=ids).delete()
    return deleted
