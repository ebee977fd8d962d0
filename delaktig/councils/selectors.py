from django.db.models import Count, Min, Prefetch, Q, QuerySet
from django.utils import timezone

from delaktig.accounts.models import RoleAssignment, User
from delaktig.accounts.rules import is_administrator
from delaktig.city.models import Area
from delaktig.councils.models import Council, Matter, Meeting, Member, Minutes, Rulebook


def _current_members_filter(prefix: str = "") -> Q:
    today = timezone.localdate()
    return Q(**{f"{prefix}term_start__lte": today, f"{prefix}term_end__gte": today}) & (
        Q(**{f"{prefix}left_on__isnull": True}) | Q(**{f"{prefix}left_on__gt": today})
    )


def council_list(*, area: Area | None = None) -> QuerySet[Council]:
    """Return councils with their area, committee, number of current members and next meeting, in one query."""
    councils = Council.objects.select_related("area", "committee").annotate(
        member_count=Count("members", filter=_current_members_filter("members__"), distinct=True),
        next_meeting_at=Min("meetings__starts_at", filter=Q(meetings__starts_at__gte=timezone.now())),
    )
    return councils.filter(area=area) if area is not None else councils


def councils_in_area(area: Area) -> list[Council]:
    """Return the area's councils for its hub page, in one query."""
    return list(council_list(area=area))


def council_detail(*, slug: str) -> Council:
    """Return a council with everything its public page shows, in a fixed number of queries."""
    meetings = Meeting.objects.select_related("event", "minutes").prefetch_related("agenda_items")
    matters = Matter.objects.select_related("forwarded_to", "meeting").order_by("-created_at", "-pk")
    return (
        Council.objects.select_related("area", "committee")
        .prefetch_related(
            Prefetch("rulebooks", queryset=Rulebook.objects.order_by("-version")),
            Prefetch("members", queryset=Member.objects.select_related("constituency")),
            Prefetch("meetings", queryset=meetings),
            Prefetch("matters", queryset=matters),
            "constituencies",
        )
        .get(slug=slug)
    )


def split_members(council: Council) -> tuple[list[Member], list[Member]]:
    """Split prefetched members into current and former (and future) ones, by today's date."""
    today = timezone.localdate()
    current, former = [], []
    for member in council.members.all():
        active = member.term_start <= today <= member.term_end and (member.left_on is None or member.left_on > today)
        (current if active else former).append(member)
    return current, former


def meeting_detail(*, council: Council, pk: int) -> Meeting:
    return (
        Meeting.objects.select_related("event", "event__office", "minutes", "council")
        .prefetch_related(
            "agenda_items", "documents", Prefetch("matters", queryset=Matter.objects.select_related("forwarded_to"))
        )
        .get(council=council, pk=pk)
    )


def published_minutes(meeting: Meeting) -> Minutes | None:
    minutes = getattr(meeting, "minutes", None)
    return minutes if minutes is not None and minutes.status == Minutes.Status.PUBLISHED else None


def councils_administered_by(user) -> QuerySet[Council]:
    """Return the councils the user manages (administrators of the platform manage them all)."""
    councils = council_list()
    return councils if is_administrator(user) else councils.filter(administrators=user)


def overdue_matters(*, councils: QuerySet[Council]) -> QuerySet[Matter]:
    """Return forwarded matters whose answer is late, oldest due date first, for the administrator's list."""
    return (
        Matter.objects.filter(council__in=councils, status=Matter.Status.FORWARDED, answer_due__lt=timezone.localdate())
        .select_related("council", "forwarded_to")
        .order_by("answer_due", "pk")
    )


def council_administrators(council: Council) -> QuerySet[User]:
    """Return the accounts that administer the council, by e-mail address."""
    return council.administrators.order_by("email")


def administrator_candidates(council: Council) -> QuerySet[User]:
    """Return the accounts with the council administrator role that do not yet administer the council."""
    role_holders = User.objects.filter(roles__role=RoleAssignment.Role.COUNCIL_ADMINISTRATOR, deleted_at__isnull=True)
    return role_holders.exclude(administered_councils=council).distinct().order_by("email")
