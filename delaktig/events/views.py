import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from rules.contrib.views import permission_required

from delaktig.city.models import Area
from delaktig.core.errors import DomainError
from delaktig.events import selectors, services
from delaktig.events.forms import EventForm, FilterForm, GuideAssignForm, GuideEditForm, GuideForm, run_service_form
from delaktig.events.ical import events_to_ical
from delaktig.events.models import Event, Guide

MONTHS_AHEAD = 12


def _month_choices() -> list[tuple[str, str]]:
    """Offer this month and the next eleven in the calendar's month filter."""
    month = selectors.month_start(timezone.localdate())
    choices = []
    for _index in range(MONTHS_AHEAD):
        choices.append((month.strftime("%Y-%m"), date_format(month, "F Y").capitalize()))
        month = selectors.next_month(month)
    return choices


def _chosen_month(value: str) -> datetime.date | None:
    return datetime.datetime.strptime(value, "%Y-%m").date() if value else None


def _area_or_404(slug: str | None) -> Area | None:
    return None if slug is None else get_object_or_404(Area, slug=slug)


@require_safe
def calendar(request, area_slug: str | None = None):
    """Show the calendar of coming events, for the whole city or one area, filtered by kind and month."""
    area = _area_or_404(area_slug)
    form = FilterForm(request.GET, months=_month_choices())
    if not form.is_valid():
        events, status = Event.objects.none(), 400
    else:
        month = _chosen_month(form.cleaned_data["month"])
        events = selectors.calendar_events(area=area, kind=form.cleaned_data["kind"], month=month)
        status = 200
    context = {"area": area, "form": form, "events": events}
    return render(request, "events/calendar.html", context, status=status)


@require_safe
def ical_feed(request, area_slug: str | None = None):
    """Serve the calendar as an iCalendar feed that residents can subscribe to."""
    area = _area_or_404(area_slug)
    name = _("Delaktig: events in %(area)s") % {"area": area.name} if area else _("Delaktig: events in Gothenburg")
    response = HttpResponse(
        events_to_ical(selectors.feed_events(area=area), name=name), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="delaktig-{area.slug if area else "goteborg"}.ics"'
    return response


@require_safe
def bus_schedule(request):
    """Show where the democracy bus stops next."""
    return render(request, "events/bus_schedule.html", {"events": selectors.bus_schedule()})


def _event_or_404(pk: int) -> Event:
    try:
        return selectors.event_detail(pk=pk)
    except Event.DoesNotExist as error:
        raise Http404("No such event") from error


@require_safe
def event_detail(request, pk: int):
    """Show an event: when, where, accessibility, guides and the registration button."""
    event = _event_or_404(pk)
    context = {"event": event, "registration": selectors.registration_of(event=event, user=request.user)}
    return render(request, "events/event_detail.html", context)


def _registration_action(request, pk: int, service, success: str):
    event = get_object_or_404(Event, pk=pk)
    if not request.user.has_perm("events.register"):
        messages.error(request, _("Confirm your e-mail address before you register for events."))
        return redirect(event)
    try:
        service(event=event, user=request.user, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return redirect(event)


@require_POST
@login_required
def register(request, pk: int):
    """Register the logged-in resident for the event."""
    return _registration_action(request, pk, services.registration_create, _("You are registered. Welcome!"))


@require_POST
@login_required
def unregister(request, pk: int):
    """Cancel the logged-in resident's registration."""
    return _registration_action(request, pk, services.registration_cancel, _("Your registration is cancelled."))


@require_safe
@login_required
@permission_required("events.manage_events", raise_exception=True)
def manage(request):
    """List events for staff, with links to change them and see who registered."""
    include_past = request.GET.get("past") == "1"
    context = {"events": selectors.staff_event_list(include_past=include_past), "include_past": include_past}
    return render(request, "events/manage.html", context)


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("events.manage_events", raise_exception=True)
def event_create(request):
    """Put a new event in the calendar."""
    form = EventForm(request.POST or None)
    created = []
    if run_service_form(request, form, lambda data: created.append(services.event_create(**data, actor=request.user))):
        messages.success(request, _("The event is published in the calendar."))
        return redirect(created[0])
    return render(request, "events/event_form.html", {"form": form}, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("events.manage_events", raise_exception=True)
def event_edit(request, pk: int):
    """Change an event's details."""
    event = get_object_or_404(Event, pk=pk)
    form = EventForm(request.POST or None, instance=Event.objects.get(pk=pk))
    update = lambda data: services.event_update(event=event, changes=data, actor=request.user)  # noqa: E731
    if run_service_form(request, form, update):
        messages.success(request, _("The event is changed."))
        return redirect(event)
    return render(request, "events/event_form.html", {"form": form, "event": event}, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("events.view_registrations", raise_exception=True)
def event_staff(request, pk: int):
    """Show staff who registered and which guides come, and assign a guide or cancel the event."""
    event = _event_or_404(pk)
    form = GuideAssignForm(request.POST or None)
    if run_service_form(
        request, form, lambda data: services.guide_assign(guide=data["guide"], event=event, actor=request.user)
    ):
        messages.success(request, _("The guide is assigned to the event."))
        return redirect("events:staff", pk=pk)
    context = {"event": event, "form": form, "registrations": selectors.registrations_for(event)}
    return render(request, "events/event_staff.html", context, status=400 if form.errors else 200)


@require_POST
@login_required
@permission_required("events.manage_guides", raise_exception=True)
def guide_unassign(request, pk: int, guide_pk: int):
    event = get_object_or_404(Event, pk=pk)
    services.guide_unassign(guide=get_object_or_404(Guide, pk=guide_pk), event=event, actor=request.user)
    messages.success(request, _("The guide is no longer assigned to the event."))
    return redirect("events:staff", pk=pk)


@require_POST
@login_required
@permission_required("events.manage_events", raise_exception=True)
def event_cancel(request, pk: int):
    """Cancel the event; it stays in the calendar marked as cancelled."""
    event = get_object_or_404(Event, pk=pk)
    services.event_cancel(event=event, actor=request.user)
    messages.success(request, _("The event is cancelled."))
    return redirect(event)


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("events.manage_guides", raise_exception=True)
def guides(request):
    """List the resident guides and ambassadors and register a new one."""
    form = GuideForm(request.POST or None)
    if run_service_form(request, form, lambda data: services.guide_create(**data, actor=request.user)):
        messages.success(request, _("The guide is registered."))
        return redirect("events:guides")
    context = {"form": form, "guides": selectors.guide_list()}
    return render(request, "events/guides.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("events.manage_guides", raise_exception=True)
def guide_edit(request, pk: int):
    """Change a guide's languages, area or contact details, or mark them inactive."""
    guide = get_object_or_404(Guide, pk=pk)
    form = GuideEditForm(request.POST or None, instance=Guide.objects.get(pk=pk))
    update = lambda data: services.guide_update(guide=guide, changes=data, actor=request.user)  # noqa: E731
    if run_service_form(request, form, update):
        messages.success(request, _("The guide's details are saved."))
        return redirect("events:guides")
    return render(request, "events/guide_form.html", {"form": form, "guide": guide}, status=400 if form.errors else 200)
