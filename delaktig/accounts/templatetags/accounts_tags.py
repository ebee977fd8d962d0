from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def test_eid_enabled() -> bool:
    """Tell templates rendered by allauth's views whether the test e-ID provider is on."""
    return settings.DELAKTIG_TEST_EID
