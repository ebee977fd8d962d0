from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from delaktig.core.models import AccessibilityReport, AuditEvent


def audit_event_record(*, actor, verb: str, target: models.Model | None = None, data: dict | None = None) -> AuditEvent:
    """Append one event to the audit trail; call it inside the service's own transaction."""
    event = AuditEvent(
        actor=actor if actor is not None and actor.is_authenticated else None,
        verb=verb,
        target_type=ContentType.objects.get_for_model(target) if target is not None else None,
        target_id=str(target.pk) if target is not None else "",
        data=data or {},
    )
    # The actor and target are model instances already loaded: checking that they exist would cost two
    # queries inside the caller's row lock (a vote's hottest path).
    event.full_clean(exclude=["actor", "target_type"])
    event.save()
    return event


@transaction.atomic
def accessibility_report_create(*, page_url: str, description: str, contact: str, actor) -> AccessibilityReport:
    """Store a resident's report of an accessibility problem so staff can answer it."""
    report = AccessibilityReport(page_url=page_url, description=description, contact=contact)
    report.full_clean()
    report.save()
    audit_event_record(actor=actor, verb="accessibility.report", target=report)
    return report
