"""Authentication backends that read the person together with the user.

Every request of a logged-in resident loads the user from the session, and nearly every one then asks
the permission rules for the person's verification level (may they propose, vote, comment?). Loading
both in one query saves a database round trip on every such request, the busiest being a vote.
Sessions name the backend that logged them in, so both ways in (a password through Django, an e-mail
code or e-ID through allauth) get the same treatment.
"""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend


class _UserWithPerson:
    def get_user(self, user_id):
        user = get_user_model()._default_manager.select_related("person").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None


class ModelBackend(_UserWithPerson, DjangoModelBackend):
    """Django's password backend (staff), loading the person with the user."""


class AuthenticationBackend(_UserWithPerson, AllauthBackend):
    """allauth's backend (e-mail code, e-ID), loading the person with the user."""
