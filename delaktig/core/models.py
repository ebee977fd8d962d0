from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    """An attempt to change or remove a row of an append-only table (the audit trail, a history)."""


class AppendOnlyQuerySet(models.QuerySet):
    """Refuse bulk changes so an append-only table stays so through the ORM too."""

    def update(self, **kwargs):
        raise AppendOnlyError(f"{self.model._meta.label} rows cannot be changed.")

    def delete(self):
        raise AppendOnlyError(f"{self.model._meta.label} rows cannot be deleted.")


class AppendOnlyModel(models.Model):
    """A row written once and never changed or deleted; pair it with a PostgreSQL trigger for other clients."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError(f"{self._meta.label} rows cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{self._meta.label} rows cannot be deleted.")


class AuditEvent(AppendOnlyModel):
    """One civic state change (a vote, a draw, a moderation decision), written by the service that made it.

    Append-only: the ORM refuses updates and deletes, and on PostgreSQL a trigger refuses them for
    any client of the application's database role.
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    verb = models.CharField(_("verb"), max_length=64, db_index=True)
    target_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    target_id = models.CharField(max_length=64, blank=True)
    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id", "at"])]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.verb}"


class AccessibilityReport(models.Model):
    """A problem with accessibility reported from the accessibility statement page (DOS-lagen)."""

    page_url = models.CharField(_("page with the problem"), max_length=500, blank=True)
    description = models.TextField(_("what is the problem"), max_length=4000)
    contact = models.CharField(_("how can we reach you (optional)"), max_length=254, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("accessibility report")
        verbose_name_plural = _("accessibility reports")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d} {self.page_url}"


class RateLimitCounter(models.Model):
    """How many times one key did one action in one fixed window; ``core.ratelimit`` counts in one statement.

    Not civic state but a throw-away tally: rows are changed in place and purged once their window ended.
    """

    scope_key = models.TextField()
    window_ends_at = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope_key", "window_ends_at"], name="rate_limit_counter_per_window")
        ]

    def __str__(self):
        return f"{self.scope_key} until {self.window_ends_at:%Y-%m-%d %H:%M:%S}: {self.count}"
