"""What the councils app holds about an account: which councils it administers.

Council members are recorded by name by the administrator (membership of a public advisory council is
public), not linked to accounts, so they are not part of an account's data.
"""

from delaktig.accounts.gdpr import register_erasure, register_personal_data
from delaktig.councils.models import Council


def councils_personal_data(user) -> dict:
    return {"administered_councils": list(Council.objects.filter(administrators=user).values_list("name", flat=True))}


def councils_erase(user) -> None:
    """Remove the account from the councils it administered."""
    user.administered_councils.clear()


register_personal_data("councils", councils_personal_data)
register_erasure("councils", councils_erase)
