"""The democracy inventory: every forum, council, dialogue and activity, who answers for it, and its history.

Responsibility and status are never overwritten: each change is a new row in ``ResponsibilityChange``
or ``StatusChange``, and the initiative keeps the current value only as a copy the services update
under a row lock, so lists and maps can filter on it cheaply.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from delaktig.city.models import Area, Committee, District
from delaktig.core.models import AppendOnlyModel


class Initiative(models.Model):
    """One democracy-strengthening initiative the city runs, as listed in the inventory."""

    class Kind(models.TextChoices):
        FORUM = "forum", _("Forum")
        COUNCIL = "council", _("Council")
        DIALOGUE = "dialogue", _("Dialogue")
        ACTIVITY = "activity", _("Activity")
        PANEL = "panel", _("Citizen panel")
        BUDGET = "budget", _("Participatory budget")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        ENDED = "ended", _("Ended")

    class Frequency(models.TextChoices):
        UNKNOWN = "", _("Not stated")
        ONCE = "once", _("Once")
        WEEKLY = "weekly", _("Every week")
        MONTHLY = "monthly", _("Every month")
        QUARTERLY = "quarterly", _("Every quarter")
        YEARLY = "yearly", _("Every year")
        ONGOING = "ongoing", _("Ongoing")
        IRREGULAR = "irregular", _("Irregularly")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    responsible_committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, related_name="initiatives", verbose_name=_("responsible committee")
    )
    areas = models.ManyToManyField(Area, related_name="initiatives", verbose_name=_("areas"))
    districts = models.ManyToManyField(District, blank=True, related_name="initiatives", verbose_name=_("districts"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    started_on = models.DateField(_("start date"), null=True, blank=True)
    ended_on = models.DateField(_("end date"), null=True, blank=True)
    frequency = models.CharField(_("how often"), max_length=20, choices=Frequency.choices, blank=True, default="")
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    linked_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("linked type")
    )
    linked_id = models.PositiveBigIntegerField(_("linked id"), null=True, blank=True)
    linked_object = GenericForeignKey("linked_type", "linked_id")
    published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="initiative_name_unique_ci",
                violation_error_message=_("There is already an initiative with this name."),
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(started_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="initiative_ends_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            models.CheckConstraint(
                condition=Q(linked_type__isnull=True, linked_id__isnull=True)
                | Q(linked_type__isnull=False, linked_id__isnull=False),
                name="initiative_link_complete",
                violation_error_message=_("A link needs both the kind of object and the object."),
            ),
        ]
        indexes = [models.Index(fields=["published", "status"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("inventory:detail", kwargs={"pk": self.pk})


class TargetGroup(models.Model):
    """One group an initiative is meant for; an initiative has one row per group."""

    class Group(models.TextChoices):
        YOUTH = "youth", _("Young people")
        ELDERLY = "elderly", _("Older people")
        DISABILITY = "disability", _("People with disabilities")
        NEWLY_ARRIVED = "newly_arrived", _("Newly arrived")
        EVERYONE = "everyone", _("Everyone")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="target_groups")
    group = models.CharField(_("target group"), max_length=20, choices=Group.choices)

    class Meta:
        ordering = ["initiative", "group"]
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
        constraints = [models.UniqueConstraint(fields=["initiative", "group"], name="target_group_once")]

    def __str__(self):
        return self.get_group_display()


class HistoryRow(AppendOnlyModel):
    """A row of an initiative's history: written once, never changed or deleted (on PostgreSQL a trigger
    refuses it for any client too)."""

    effective_on = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class ResponsibilityChange(HistoryRow):
    """The initiative became a committee's responsibility on a date; ``from_committee`` empty on the first row."""

    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="responsibility_changes")
    from_committee = models.ForeignKey(
        Committee, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("from")
    )
    to_committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="+", verbose_name=_("to"))
    decision_reference = models.CharField(_("decision reference"), max_length=200, blank=True)

    class Meta:
        ordering = ["initiative", "effective_on", "id"]
        verbose_name = _("responsibility change")
        verbose_name_plural = _("responsibility changes")
        constraints = [
            models.CheckConstraint(
                condition=Q(from_committee__isnull=True) | ~Q(from_committee=F("to_committee")),
                name="responsibility_change_moves",
                violation_error_message=_("Choose another committee than the current one."),
            ),
        ]

    def __str__(self):
        return f"{self.effective_on} {self.from_committee_id} → {self.to_committee_id}"


class StatusChange(HistoryRow):
    """The initiative's status changed on a date; ``from_status`` empty on the first row."""

    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="status_changes")
    from_status = models.CharField(_("from"), max_length=20, choices=Initiative.Status.choices, blank=True, default="")
    to_status = models.CharField(_("to"), max_length=20, choices=Initiative.Status.choices)

    class Meta:
        ordering = ["initiative", "effective_on", "id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_status=F("to_status")),
                name="status_change_changes",
                violation_error_message=_("Choose another status than the current one."),
            ),
        ]

    def __str__(self):
        return f"{self.effective_on} {self.from_status or '–'} → {self.to_status}"


class Participation(models.Model):
    """How many people took part in one occasion (a meeting, a workshop, a day) of an initiative."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="participations")
    occurred_on = models.DateField(_("date of the occasion"))
    participants = models.PositiveIntegerField(_("number of participants"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["initiative", "-occurred_on"]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "occurred_on"],
                name="participation_once_a_day",
                violation_error_message=_("Participants are already recorded for that day."),
            )
        ]

    def __str__(self):
        return f"{self.occurred_on}: {self.participants}"
