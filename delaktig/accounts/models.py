from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str | None = None, password: str | None = None, **extra):
        user = self.model(email=self.normalize_email(email) if email else None, **extra)
        user.set_password(password) if password else user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """An account: a resident logs in by e-mail code or e-ID, staff with a password.

    The e-mail may be empty for someone who only ever logs in with e-ID, and becomes empty when the
    account is deleted on request (the row stays, pseudonymised, so counted votes stay counted).
    """

    email = models.EmailField(_("e-mail"), null=True, blank=True, unique=True)
    display_name = models.CharField(
        _("public name"), max_length=100, blank=True, help_text=_("Shown only where you choose to be named.")
    )
    is_staff = models.BooleanField(_("staff"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_ci", condition=Q(email__isnull=False)),
        ]

    def __str__(self):
        return self.display_name or self.email or f"#{self.pk}"

    def get_short_name(self):
        return self.display_name or (self.email or "").split("@")[0]


class Person(models.Model):
    """The verified human behind an account: how sure we are who they are.

    Only an HMAC-SHA256 of the personnummer (under DELAKTIG_PNR_KEY) is kept, unique across accounts,
    so one person cannot hold two e-ID-verified accounts; the number itself is never stored.
    """

    class Level(models.IntegerChoices):
        NONE = 0, _("Not verified")
        EMAIL = 1, _("E-mail confirmed")
        EID = 2, _("Verified with e-ID")

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="person")
    verification_level = models.PositiveSmallIntegerField(_("verification"), choices=Level.choices, default=Level.NONE)
    pnr_hash = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    eid_verified_at = models.DateTimeField(null=True, blank=True)
    eid_provider = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.CheckConstraint(
                condition=Q(verification_level__lt=2) | Q(pnr_hash__isnull=False),
                name="person_eid_has_pnr_hash",
            ),
        ]

    def __str__(self):
        return f"{self.user} ({self.get_verification_level_display()})"


class RoleAssignment(models.Model):
    """A staff role given to an account; a committee secretary's role names the committee."""

    class Role(models.TextChoices):
        MODERATOR = "moderator", _("Moderator (handläggare)")
        COMMITTEE_SECRETARY = "committee_secretary", _("Committee secretary")
        COUNCIL_ADMINISTRATOR = "council_administrator", _("Council administrator")
        INVENTORY_EDITOR = "inventory_editor", _("Inventory editor")
        ADMINISTRATOR = "administrator", _("Administrator")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    committee = models.ForeignKey(
        "city.Committee", null=True, blank=True, on_delete=models.CASCADE, related_name="role_assignments"
    )
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role"], condition=Q(committee__isnull=True), name="role_unique_citywide"
            ),
            models.UniqueConstraint(
                fields=["user", "role", "committee"],
                condition=Q(committee__isnull=False),
                name="role_unique_per_committee",
            ),
            models.CheckConstraint(
                condition=Q(role="committee_secretary", committee__isnull=False)
                | (~Q(role="committee_secretary") & Q(committee__isnull=True)),
                name="role_committee_only_for_secretaries",
            ),
        ]

    def __str__(self):
        scope = f" – {self.committee.name}" if self.committee_id else ""
        return f"{self.user}: {self.get_role_display()}{scope}"
