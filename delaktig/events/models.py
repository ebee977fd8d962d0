import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from delaktig.city.models import Area, Committee, Office


class Event(models.Model):
    """A public event: a democracy day, a democracy-bus stop, a council meeting, an open house, a training."""

    class Kind(models.TextChoices):
        DEMOCRACY_DAY = "democracy_day", _("Democracy day")
        BUS_STOP = "bus_stop", _("Democracy-bus stop")
        DIALOGUE_MEETING = "dialogue_meeting", _("Dialogue meeting")
        COUNCIL_MEETING = "council_meeting", _("Council meeting")
        OPEN_HOUSE = "open_house", _("Open house at a citizen office")
        TRAINING = "training", _("Training")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)
    area = models.ForeignKey(
        Area,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
        verbose_name=_("area"),
        help_text=_("Leave empty for an event for the whole city."),
    )
    office = models.ForeignKey(
        Office,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
        verbose_name=_("citizen office"),
    )
    place = models.CharField(_("place"), max_length=200)
    street_address = models.CharField(_("address"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    organiser = models.ForeignKey(
        Committee,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
        verbose_name=_("organiser committee"),
    )
    step_free_access = models.BooleanField(_("step-free access"), default=False)
    hearing_loop = models.BooleanField(_("hearing loop"), default=False)
    interpreter_languages = models.CharField(
        _("interpreter languages"),
        max_length=200,
        blank=True,
        help_text=_("Separate languages with commas, e.g. arabiska, somaliska, teckenspråk."),
    )
    registration_required = models.BooleanField(_("registration required"), default=False)
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Leave empty if there is no limit.")
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["area", "starts_at"]), models.Index(fields=["kind", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="event_ends_after_start",
                violation_error_message=_("The event must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gt=0),
                name="event_capacity_positive",
                violation_error_message=_("The number of places must be at least 1."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"pk": self.pk})

    @property
    def places_left(self) -> int | None:
        """Return the free places (needs the ``registered_count`` annotation of the selectors)."""
        if not self.registration_required or self.capacity is None:
            return None
        return max(self.capacity - self.registered_count, 0)

    @property
    def interpreter_language_list(self) -> list[str]:
        return [language.strip() for language in self.interpreter_languages.split(",") if language.strip()]


class Registration(models.Model):
    """A resident's place at an event that takes registrations; one per person and event."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="registration_once_per_event")]

    def __str__(self):
        return f"{self.user} – {self.event}"


class Guide(models.Model):
    """A resident guide or ambassador (invånarguide, ambassadör) who helps residents in their languages."""

    class Kind(models.TextChoices):
        GUIDE = "guide", _("Resident guide")
        AMBASSADOR = "ambassador", _("Ambassador")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.GUIDE)
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="guides", verbose_name=_("area"))
    languages = models.CharField(
        _("languages spoken"), max_length=300, help_text=_("Separate languages with commas, e.g. svenska, arabiska.")
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    active = models.BooleanField(_("active"), default=True)
    events = models.ManyToManyField(Event, blank=True, related_name="guides", verbose_name=_("events"))

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("resident guide")
        verbose_name_plural = _("resident guides")

    def __str__(self):
        return self.name

    @property
    def language_list(self) -> list[str]:
        return [language.strip() for language in self.languages.split(",") if language.strip()]
