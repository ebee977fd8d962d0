"""Helpers shared by the accounts, OIDC and browser tests."""

import re


def eid_broker_providers(server_url: str = "https://broker.invalid", *, client_id="delaktig", secret="hemlig") -> dict:
    """Return SOCIALACCOUNT_PROVIDERS for one e-ID broker (a made-up address, or the local OIDC provider)."""
    return {
        "openid_connect": {
            "OAUTH_PKCE_ENABLED": True,
            "APPS": [
                {
                    "provider_id": "eid",
                    "name": "e-legitimation",
                    "client_id": client_id,
                    "secret": secret,
                    "settings": {"server_url": server_url, "token_auth_method": "client_secret_basic"},
                }
            ],
        }
    }


def mailed_code(mailoutbox) -> str:
    """Read the login or confirmation code from the last e-mail sent."""
    return re.search(r"\b([A-Z0-9]{4}-[A-Z0-9]{4})\b", mailoutbox[-1].body).group(1)
