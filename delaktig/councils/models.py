from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from delaktig.city.models import Area, Committee
from delaktig.events.models import Event


class Council(models.Model):
    """A local council (lokalt råd): Ö-dialogen, a youth, pensioners' or disability council."""

    class Kind(models.TextChoices):
        ISLAND_DIALOGUE = "island_dialogue", _("Island dialogue")
        YOUTH = "youth", _("Youth council")
        PENSIONERS = "pensioners", _("Pensioners' council")
        DISABILITY = "disability", _("Disability council")
        OTHER = "other", _("Other council")

    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="councils", verbose_name=_("area"))
    committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, related_name="councils", verbose_name=_("responsible committee")
    )
    purpose = models.TextField(_("purpose"))
    administrators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="administered_councils", verbose_name=_("administrators")
    )

    class Meta:
        ordering = ["area__position", "name"]
        verbose_name = _("local council")
        verbose_name_plural = _("local councils")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("councils:detail", kwargs={"slug": self.slug})


class Constituency(models.Model):
    """What a representative speaks for: an island of the archipelago, a district, an association."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="constituencies")
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("constituency")
        verbose_name_plural = _("constituencies")
        constraints = [models.UniqueConstraint(fields=["council", "name"], name="constituency_unique_per_council")]

    def __str__(self):
        return self.name


class Rulebook(models.Model):
    """One adopted version of a council's rulebook (reglemente); earlier versions are kept unchanged.

    The structured limits are what the services enforce; the text is what the committee adopted.
    """

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="rulebooks")
    version = models.PositiveSmallIntegerField(_("version"))
    text = models.TextField(_("text"))
    adopted_on = models.DateField(_("adopted on"))
    decision_reference = models.CharField(_("decision reference"), max_length=100)
    advisory_only = models.BooleanField(_("advisory only"), default=True)
    max_representatives_per_constituency = models.PositiveSmallIntegerField(
        _("most representatives per constituency"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    meetings_per_year = models.PositiveSmallIntegerField(_("meetings per year"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["council", "-version"]
        verbose_name = _("rulebook")
        verbose_name_plural = _("rulebooks")
        constraints = [
            models.UniqueConstraint(fields=["council", "version"], name="rulebook_version_unique"),
            models.CheckConstraint(
                condition=Q(max_representatives_per_constituency__isnull=True)
                | Q(max_representatives_per_constituency__gt=0),
                name="rulebook_limit_positive",
            ),
        ]

    def __str__(self):
        return f"{self.council} – {self.version}"


class Member(models.Model):
    """A seat on a council for a term; a member who leaves keeps the row, with the day they left."""

    class Kind(models.TextChoices):
        RESIDENT = "resident", _("Resident")
        ORGANISATION = "organisation", _("Organisation representative")

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        SECRETARY = "secretary", _("Secretary")
        REPRESENTATIVE = "representative", _("Representative")
        COMMITTEE_REPRESENTATIVE = "committee_representative", _("Committee representative")

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.RESIDENT)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=30, choices=Role.choices, default=Role.REPRESENTATIVE)
    constituency = models.ForeignKey(
        Constituency,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
        verbose_name=_("constituency"),
    )
    term_start = models.DateField(_("term starts"))
    term_end = models.DateField(_("term ends"))
    left_on = models.DateField(_("left on"), null=True, blank=True)

    class Meta:
        ordering = ["council", "role", "constituency__name", "name"]
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        constraints = [
            models.CheckConstraint(condition=Q(term_end__gt=F("term_start")), name="member_term_ends_after_start"),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("term_start"), left_on__lte=F("term_end")),
                name="member_left_within_term",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.council})"

    @property
    def ends_on(self):
        return self.left_on or self.term_end


class Meeting(models.Model):
    """A council meeting; its place and public calendar entry are an event of the events app.

    The times are kept here too, so the database itself can refuse two overlapping meetings of one
    council (an exclusion constraint on PostgreSQL; the service checks everywhere).
    """

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="meetings")
    event = models.OneToOneField(Event, on_delete=models.PROTECT, related_name="council_meeting")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))

    class Meta:
        ordering = ["council", "starts_at"]
        verbose_name = _("council meeting")
        verbose_name_plural = _("council meetings")
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="meeting_ends_after_start"),
        ]

    def __str__(self):
        return f"{self.council} {self.starts_at:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("councils:meeting", kwargs={"slug": self.council.slug, "pk": self.pk})


class AgendaItem(models.Model):
    """One numbered item on a meeting's agenda (dagordning)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("item"), max_length=300)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["meeting", "position"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [models.UniqueConstraint(fields=["meeting", "position"], name="agenda_item_position_unique")]

    def __str__(self):
        return f"{self.position}. {self.title}"


class MeetingDocument(models.Model):
    """A document for a meeting (kallelse, underlag), published as a link to the city's document store."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(pgettext_lazy("meeting document", "title"), max_length=200)
    url = models.URLField(_("link"))

    class Meta:
        ordering = ["meeting", "pk"]
        verbose_name = _("meeting document")
        verbose_name_plural = _("meeting documents")

    def __str__(self):
        return self.title


class Minutes(models.Model):
    """The minutes (protokoll) of a meeting: drafted, approved (justerat), then published."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("minutes status", "Draft")
        APPROVED = "approved", pgettext_lazy("minutes status", "Approved")
        PUBLISHED = "published", pgettext_lazy("minutes status", "Published")

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes")
    text = models.TextField(_("minutes"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    approved_by = models.CharField(_("approved by"), max_length=200, blank=True)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(approved_on__isnull=False), name="minutes_approved_has_date"
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False), name="minutes_published_has_time"
            ),
        ]

    def __str__(self):
        return f"{self.meeting} ({self.get_status_display()})"


class Matter(models.Model):
    """A question or matter (fråga, ärende) raised in a council, followed until it is answered."""

    class Status(models.TextChoices):
        RAISED = "raised", _("Raised")
        FORWARDED = "forwarded", _("Forwarded")
        ANSWERED = "answered", _("Answered")

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="matters")
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="matters", verbose_name=_("meeting")
    )
    title = models.CharField(_("matter"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    raised_by = models.CharField(_("raised by"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.RAISED)
    forwarded_to = models.ForeignKey(
        Committee,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="council_matters",
        verbose_name=_("forwarded to committee"),
    )
    forwarded_to_department = models.CharField(_("forwarded to department"), max_length=200, blank=True)
    forwarded_on = models.DateField(_("forwarded on"), null=True, blank=True)
    answer_due = models.DateField(_("answer due"), null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["council", "-created_at", "-pk"]
        verbose_name = _("matter")
        verbose_name_plural = _("matters")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="answered") | (Q(answered_on__isnull=False) & ~Q(answer="")),
                name="matter_answered_has_answer",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_overdue(self) -> bool:
        """Return whether a forwarded matter's answer is later than promised (by today's date)."""
        due = self.answer_due
        return self.status == self.Status.FORWARDED and due is not None and due < timezone.localdate()

    @property
    def forwarded_to_name(self) -> str:
        parts = [self.forwarded_to.localized_name if self.forwarded_to else "", self.forwarded_to_department]
        return ", ".join(part for part in parts if part)
