"""Göteborgsförslaget: a resident's proposal, its votes, its public timeline and the talk around it.

The status is stored; whether a proposal still takes votes is derived from the status, the voting
window (``published_at``..``closes_at``) and the clock. ``vote_count`` is a counter the vote services
keep exactly equal to the number of ``Vote`` rows (under the proposal's row lock); the reconciliation
task checks it. On PostgreSQL ``search_vector`` is filled by a trigger (migration 0002) with the
Swedish text-search configuration.
"""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Category(models.TextChoices):
    TRAFFIC = "traffic", _("Traffic and streets")
    PARKS = "parks", _("Parks and nature")
    CULTURE = "culture", _("Culture and leisure")
    SCHOOL = "school", _("Preschool and school")
    CARE = "care", _("Care and social services")
    ENVIRONMENT = "environment", _("Environment and climate")
    HOUSING = "housing", _("Housing and city planning")
    DEMOCRACY = "democracy", _("Democracy and participation")
    OTHER = "other", _("Other")


class RefusalRule(models.TextChoices):
    """The published rule catalogue: a proposal is refused only for one of these reasons."""

    COMPETENCE = "competence", _("Outside the city's competence")
    INDIVIDUAL_CASE = "individual_case", _("An individual case or exercise of authority")
    PERSONAL_DATA = "personal_data", _("Personal data about others")
    OFFENSIVE = "offensive", _("Offensive or illegal content")
    ADVERTISING = "advertising", _("Advertising")
    DUPLICATE = "duplicate", _("A duplicate of a recent proposal")


class Outcome(models.TextChoices):
    APPROVED = "approved", pgettext_lazy("proposal decision", "Approved")
    PARTLY_APPROVED = "partly_approved", pgettext_lazy("proposal decision", "Partly approved")
    REJECTED = "rejected", pgettext_lazy("proposal decision", "Rejected")
    ANSWERED = "answered", pgettext_lazy("proposal decision", "Answered")


class Proposal(models.Model):
    """A resident's proposal on a matter the city decides, from draft to the committee's decision."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("proposal status", "Draft")
        SUBMITTED = "submitted", pgettext_lazy("proposal status", "Waiting for review")
        REFUSED = "refused", pgettext_lazy("proposal status", "Not published")
        OPEN = "open", pgettext_lazy("proposal status", "Open for votes")
        THRESHOLD_REACHED = "threshold_reached", pgettext_lazy("proposal status", "Reached the threshold")
        ASSIGNED = "assigned", pgettext_lazy("proposal status", "With the committee")
        DECIDED = "decided", pgettext_lazy("proposal status", "Decided")
        EXPIRED = "expired", pgettext_lazy("proposal status", "Closed under the threshold")
        WITHDRAWN = "withdrawn", pgettext_lazy("proposal status", "Withdrawn")

    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="proposals")
    proposer_name = models.CharField(
        _("name shown with the proposal"),
        max_length=100,
        blank=True,
        help_text=_("Leave empty to be shown as “a resident”."),
    )
    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(_("proposal"), max_length=5000)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices, default=Category.OTHER)
    area = models.ForeignKey(
        "city.Area", null=True, blank=True, on_delete=models.PROTECT, related_name="proposals", verbose_name=_("area")
    )
    district = models.ForeignKey(
        "city.District",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals",
        verbose_name=_("district"),
    )
    committee = models.ForeignKey(
        "city.Committee",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals",
        verbose_name=_("responsible committee or board"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    vote_count = models.PositiveIntegerField(_("votes"), default=0)
    vote_threshold = models.PositiveIntegerField(_("votes needed"), default=200)

    created_at = models.DateTimeField(_("created"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    closes_at = models.DateTimeField(_("voting closes"), null=True, blank=True)
    threshold_reached_at = models.DateTimeField(_("threshold reached"), null=True, blank=True)
    assigned_at = models.DateTimeField(_("assigned"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    status_changed_at = models.DateTimeField(_("status changed"), default=timezone.now)
    # Counts the changes to the public page other than a new vote (which changes vote_count): the page
    # cache keys the stored page on both, so a reader never gets a page older than the proposal.
    page_revision = models.PositiveIntegerField(db_default=0, editable=False)

    refusal_rule = models.CharField(_("rule"), max_length=20, choices=RefusalRule.choices, blank=True)
    refusal_note = models.TextField(_("note to the proposer"), max_length=2000, blank=True)

    meeting_date = models.DateField(_("meeting date"), null=True, blank=True)
    case_number = models.CharField(_("case number (diarienummer)"), max_length=40, blank=True)
    outcome = models.CharField(_("decision"), max_length=20, choices=Outcome.choices, blank=True)
    decision_text = models.TextField(_("decision text"), max_length=5000, blank=True)
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    minutes_url = models.URLField(_("link to the minutes"), max_length=500, blank=True)

    search_vector = SearchVectorField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__isnull=True) | Q(closes_at__gt=F("published_at")),
                name="proposal_closes_after_publication",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["open", "threshold_reached", "assigned", "decided", "expired"])
                | Q(published_at__isnull=False, closes_at__isnull=False),
                name="proposal_public_status_has_window",
            ),
            models.CheckConstraint(
                condition=~Q(status="decided") | ~Q(outcome=""), name="proposal_decided_has_outcome"
            ),
            models.CheckConstraint(
                condition=~Q(status="refused") | ~Q(refusal_rule=""), name="proposal_refusal_names_rule"
            ),
        ]
        indexes = [
            # Keyset pagination of the public list: one index per sort, only over published proposals.
            models.Index(
                F("vote_count").desc(),
                F("id").desc(),
                name="proposal_by_votes",
                condition=Q(published_at__isnull=False),
            ),
            models.Index(
                F("published_at").desc(),
                F("id").desc(),
                name="proposal_by_newest",
                condition=Q(published_at__isnull=False),
            ),
            models.Index(
                fields=["closes_at", "id"], name="proposal_by_closing", condition=Q(published_at__isnull=False)
            ),
            models.Index(fields=["status", "status_changed_at"], name="proposal_status_changed"),
            models.Index(fields=["committee", "status"], name="proposal_committee_status"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("proposals:detail", kwargs={"pk": self.pk})

    @property
    def public_name(self) -> str:
        return self.proposer_name or str(_("A resident"))

    def is_open_for_votes(self, now=None) -> bool:
        """Say whether a vote counts now: the status takes votes and the window has not closed."""
        now = now or timezone.now()
        return (
            self.status in VOTABLE_STATUSES
            and self.published_at is not None
            and self.published_at <= now < self.closes_at
        )

    def days_left(self, now=None) -> int:
        """Return the whole days left to vote (0 on the last day and after)."""
        if self.closes_at is None:
            return 0
        return max(0, (self.closes_at - (now or timezone.now())).days)


Status = Proposal.Status
VOTABLE_STATUSES = frozenset({Status.OPEN, Status.THRESHOLD_REACHED, Status.ASSIGNED})
PUBLIC_STATUSES = frozenset(
    {Status.OPEN, Status.THRESHOLD_REACHED, Status.ASSIGNED, Status.DECIDED, Status.EXPIRED, Status.WITHDRAWN}
)


class ProposalEvent(models.Model):
    """One step of a proposal's public timeline: the status it entered, when, and a public note."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(_("status"), max_length=20, choices=Proposal.Status.choices)
    at = models.DateTimeField(_("time"), default=timezone.now)
    note = models.TextField(_("note"), max_length=5000, blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["proposal", "at"], name="proposal_event_timeline")]
        verbose_name = _("timeline event")
        verbose_name_plural = _("timeline events")

    def __str__(self):
        return f"{self.at:%Y-%m-%d} {self.get_status_display()}"


class Vote(models.Model):
    """One person's support for one proposal; the database refuses a second."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="proposal_votes")
    show_name = models.BooleanField(_("show my name with my vote"), default=False)
    created_at = models.DateTimeField(_("voted"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [models.UniqueConstraint(fields=["proposal", "voter"], name="vote_one_per_person")]
        indexes = [models.Index(fields=["voter", "-created_at"], name="vote_by_voter")]

    def __str__(self):
        return f"{self.voter_id} → {self.proposal_id}"


class Follow(models.Model):
    """A resident who wants an e-mail when the proposal's status changes."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="proposal_follows")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["proposal", "user"], name="follow_once")]
        verbose_name = _("follower")
        verbose_name_plural = _("followers")

    def __str__(self):
        return f"{self.user_id} follows {self.proposal_id}"


class CommitteeNotice(models.Model):
    """The outbox: one notice per proposal and kind, so the committee hears of a threshold exactly once."""

    class Kind(models.TextChoices):
        THRESHOLD = "threshold", _("Reached the threshold")
        ASSIGNED = "assigned", _("Assigned to the committee")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    committee = models.ForeignKey("city.Committee", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["proposal", "kind"], name="notice_once_per_kind")]
        verbose_name = _("committee notice")
        verbose_name_plural = _("committee notices")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.proposal_id}"


class Comment(models.Model):
    """A resident's comment on a published proposal; reports hide it until a moderator has looked."""

    class Status(models.TextChoices):
        VISIBLE = "visible", _("Visible")
        PENDING_REVIEW = "pending_review", _("Hidden, waiting for review")
        REMOVED = "removed", _("Removed by a moderator")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="proposal_comments")
    author_name = models.CharField(_("name shown"), max_length=100, blank=True)
    body = models.TextField(_("comment"), max_length=2000)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.VISIBLE)
    report_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["proposal", "status", "created_at"], name="comment_by_proposal")]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self):
        return self.body[:60]

    @property
    def public_name(self) -> str:
        return self.author_name or str(_("A resident"))


class CommentReport(models.Model):
    """One person's report of a comment; counted once per person."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("what is wrong"), max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["comment", "reporter"], name="comment_report_once")]
        verbose_name = _("comment report")
        verbose_name_plural = _("comment reports")

    def __str__(self):
        return f"{self.reporter_id} reports {self.comment_id}"
