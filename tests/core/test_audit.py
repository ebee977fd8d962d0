import pytest
from django.db import DatabaseError, connection, transaction

from delaktig.core.models import AppendOnlyError, AuditEvent
from delaktig.core.services import audit_event_record


@pytest.fixture
def event(db):
    return audit_event_record(actor=None, verb="test.event", data={"n": 1})


def test_audit_event_cannot_be_changed_through_the_orm(event):
    event.verb = "changed"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(verb="changed")


def test_audit_event_cannot_be_deleted_through_the_orm(event):
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.filter(verb="test.event").count() == 1


@pytest.mark.postgres
@pytest.mark.parametrize("statement", ["UPDATE core_auditevent SET verb = 'x'", "DELETE FROM core_auditevent"])
def test_postgres_refuses_raw_updates_and_deletes(event, statement):
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)
    assert AuditEvent.objects.get(pk=event.pk).verb == "test.event"
