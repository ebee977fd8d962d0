"""System checks that keep the e-ID set-up honest: no test e-ID in production, no half-configured broker."""

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security)
def test_eid_not_in_production(app_configs, **kwargs) -> list[Error]:
    """Refuse the test e-ID provider in production: it lets anyone log in as a verified person."""
    if settings.DELAKTIG_ENV == "production" and settings.DELAKTIG_TEST_EID:
        return [
            Error(
                "The test e-ID provider is on in production.",
                hint="Unset DELAKTIG_TEST_EID (it lets anyone log in as an e-ID-verified test person).",
                id="accounts.E001",
            )
        ]
    return []


@register(Tags.security)
def eid_broker_configured(app_configs, **kwargs) -> list[Error]:
    """Refuse an e-ID broker URL without the client credentials it needs."""
    app = settings.SOCIALACCOUNT_PROVIDERS.get("openid_connect", {}).get("APPS", [{}])[0]
    if settings.EID_OIDC_SERVER_URL and not app.get("client_id"):
        return [
            Error(
                "DELAKTIG_EID_OIDC_URL is set but DELAKTIG_EID_CLIENT_ID is not.",
                hint="Set DELAKTIG_EID_CLIENT_ID and DELAKTIG_EID_CLIENT_SECRET from the e-ID broker.",
                id="accounts.E002",
            )
        ]
    return []
