"""A resident's registrations and a council administrator's councils are in their download and go with them."""

import json

from django.core.serializers.json import DjangoJSONEncoder

from delaktig.accounts.models import RoleAssignment
from delaktig.accounts.services import account_delete, personal_data_export
from delaktig.councils import services as council_services
from delaktig.events import services
from delaktig.events.models import Registration
from tests.councils.factories import o_dialogen
from tests.events.factories import EventFactory
from tests.factories import user_with_role


def test_registrations_and_administered_councils_are_exported_and_erased(gothenburg):
    user = user_with_role(RoleAssignment.Role.COUNCIL_ADMINISTRATOR)
    event = EventFactory(title="Demokratidag", registration_required=True)
    services.registration_create(event=event, user=user, actor=user)
    council = o_dialogen()
    council_services.council_administrator_add(council=council, user=user, actor=None)
    data = personal_data_export(user=user, actor=user)
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    assert "Demokratidag" in text and council.name in text
    account_delete(user=user, actor=user)
    assert not Registration.objects.filter(user=user).exists()
    assert not council.administrators.exists()
