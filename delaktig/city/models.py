from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Area(models.Model):
    """A stadsområde (Hisingen, Nordost, Centrum, Sydväst), with its public hub page (lokalt nav)."""

    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    description = models.TextField(_("description (Swedish)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("city area")
        verbose_name_plural = _("city areas")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("city:area", kwargs={"slug": self.slug})

    @property
    def localized_description(self):
        return self.description_en if get_language() == "en" and self.description_en else self.description


class District(models.Model):
    """A former stadsdel (e.g. Angered), kept because residents still name places by it."""

    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="districts")
    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")

    def __str__(self):
        return self.name


class Committee(models.Model):
    """A body that answers proposals and owns initiatives: a nämnd, a company board or the city council."""

    class Kind(models.TextChoices):
        COMMITTEE = "committee", _("Committee (nämnd)")
        COMPANY_BOARD = "company_board", _("Company board")
        COUNCIL = "city_council", _("City council")
        FORMER_DISTRICT = "former_district", _("Former district committee")

    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=200, unique=True)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.COMMITTEE)
    area = models.ForeignKey(
        Area,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="committees",
        verbose_name=_("area"),
    )
    serves_all_areas = models.BooleanField(_("serves the whole city"), default=True)
    max_members = models.PositiveSmallIntegerField(_("number of members"), null=True, blank=True)
    max_substitutes = models.PositiveSmallIntegerField(_("number of substitutes"), null=True, blank=True)
    email = models.EmailField(_("e-mail to the registry"), blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("committee")
        verbose_name_plural = _("committees")

    def __str__(self):
        return self.localized_name

    @property
    def localized_name(self):
        return self.name_en if get_language() == "en" and self.name_en else self.name


class Seat(models.Model):
    """A politician's seat on a committee for a term: member (ledamot) or substitute (ersättare)."""

    class Kind(models.TextChoices):
        MEMBER = "member", _("Member (ledamot)")
        SUBSTITUTE = "substitute", _("Substitute (ersättare)")

    class Position(models.TextChoices):
        NONE = "", _("—")
        CHAIR = "chair", _("Chair")
        FIRST_VICE_CHAIR = "first_vice_chair", _("First vice chair")
        SECOND_VICE_CHAIR = "second_vice_chair", _("Second vice chair")

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="seats")
    holder_name = models.CharField(_("name"), max_length=200)
    party = models.CharField(_("party"), max_length=100, blank=True)
    kind = models.CharField(_("seat"), max_length=10, choices=Kind.choices)
    position = models.CharField(_("position"), max_length=20, choices=Position.choices, blank=True, default="")
    term_start = models.DateField(_("term starts"))
    term_end = models.DateField(_("term ends"))

    class Meta:
        ordering = ["committee", "kind", "position", "holder_name"]
        verbose_name = _("seat")
        verbose_name_plural = _("seats")
        constraints = [
            models.CheckConstraint(condition=Q(term_end__gt=F("term_start")), name="seat_term_ends_after_start"),
            models.CheckConstraint(condition=Q(position="") | Q(kind="member"), name="seat_only_members_preside"),
        ]

    def __str__(self):
        return f"{self.holder_name} ({self.get_kind_display()}, {self.committee.name})"


class Office(models.Model):
    """A medborgarkontor: guidance, a meeting place and advice, in one area."""

    slug = models.SlugField(unique=True)
    name = models.CharField(_("name"), max_length=200)
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="offices", verbose_name=_("area"))
    street_address = models.CharField(_("street address"), max_length=200)
    postal_code = models.CharField(_("postal code"), max_length=10)
    postal_town = models.CharField(_("town"), max_length=100, default="Göteborg")
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    accessibility = models.TextField(_("accessibility"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("citizen office")
        verbose_name_plural = _("citizen offices")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("city:office", kwargs={"slug": self.slug})


class OpeningHours(models.Model):
    """One day's opening hours of an office."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        ordering = ["office", "weekday", "opens"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        constraints = [
            models.CheckConstraint(condition=Q(closes__gt=F("opens")), name="opening_hours_close_after_open"),
            models.CheckConstraint(condition=Q(weekday__lte=6), name="opening_hours_weekday_range"),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"
