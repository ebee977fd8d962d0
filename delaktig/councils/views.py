from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe
from rules.contrib.views import permission_required

from delaktig.city.models import Area
from delaktig.councils import forms, selectors, services
from delaktig.councils.models import Council, Matter, Meeting, Member
from delaktig.events.forms import run_service_form


def _council_for_permission(request, slug: str, **kwargs) -> Council:
    return get_object_or_404(Council, slug=slug)


manage_permission = permission_required("councils.manage_council", fn=_council_for_permission, raise_exception=True)


@require_safe
def council_list(request, area_slug: str | None = None):
    """List the local councils of the whole city, or of one area."""
    area = get_object_or_404(Area, slug=area_slug) if area_slug else None
    return render(request, "councils/council_list.html", {"area": area, "councils": selectors.council_list(area=area)})


@require_safe
def council_detail(request, slug: str):
    """Show a council: purpose, rulebook, members, meetings, published minutes and the matters raised."""
    try:
        council = selectors.council_detail(slug=slug)
    except Council.DoesNotExist as error:
        raise Http404("No such council") from error
    current, former = selectors.split_members(council)
    rulebooks = list(council.rulebooks.all())
    context = {
        "council": council,
        "members": current,
        "former_members": former,
        "rulebook": rulebooks[0] if rulebooks else None,
        "earlier_rulebooks": rulebooks[1:],
    }
    return render(request, "councils/council_detail.html", context)


@require_safe
def meeting_detail(request, slug: str, pk: int):
    """Show a meeting: time and place, agenda, documents, the published minutes and matters raised."""
    council = get_object_or_404(Council.objects.select_related("area"), slug=slug)
    try:
        meeting = selectors.meeting_detail(council=council, pk=pk)
    except Meeting.DoesNotExist as error:
        raise Http404("No such meeting") from error
    context = {"council": council, "meeting": meeting, "minutes": selectors.published_minutes(meeting)}
    return render(request, "councils/meeting_detail.html", context)


@require_safe
@login_required
@permission_required("councils.view_staff_pages", raise_exception=True)
def staff_home(request):
    """List the councils the administrator manages and the matters whose answers are late."""
    councils = selectors.councils_administered_by(request.user)
    context = {"councils": councils, "overdue": selectors.overdue_matters(councils=councils)}
    return render(request, "councils/staff_home.html", context)


@require_safe
@login_required
@manage_permission
def council_manage(request, slug: str):
    """Show the administrator's page for one council: members, meetings, matters and rulebook."""
    council = selectors.council_detail(slug=slug)
    current, former = selectors.split_members(council)
    context = {"council": council, "members": current, "former_members": former}
    return render(request, "councils/council_manage.html", context)


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("councils.create_council", raise_exception=True)
def council_create(request):
    """Start a local council; choosing its administrators is the next step."""
    form = forms.CouncilForm(request.POST or None)
    if run_service_form(request, form, lambda data: services.council_create(**data, actor=request.user)):
        messages.success(request, _("The council is created. Now choose who administers it."))
        return redirect("councils:administrators", slug=form.cleaned_data["slug"])
    return render(request, "councils/council_create.html", {"form": form}, status=400 if form.errors else 200)


def _form_page(request, council, form, action, *, title, success, done_url):
    """Render a one-form staff page, or run the service and go back to the council's staff page."""
    if run_service_form(request, form, action):
        messages.success(request, success)
        return redirect(done_url)
    context = {"council": council, "form": form, "title": title, "back_url": done_url}
    return render(request, "councils/form.html", context, status=400 if form.errors else 200)


def _manage_url(council: Council) -> str:
    return reverse("councils:manage", kwargs={"slug": council.slug})


def _council_form_view(form_class, service, *, title, success, doc: str, form_needs_council: bool = False):
    """Build a staff view with one form whose cleaned data, with the council, is what ``service`` takes."""

    @require_http_methods(["GET", "POST"])
    @login_required
    @manage_permission
    def view(request, slug: str):
        council = get_object_or_404(Council, slug=slug)
        extra = {"council": council} if form_needs_council else {}
        form = form_class(request.POST or None, **extra)
        return _form_page(
            request,
            council,
            form,
            lambda data: service(council=council, **data, actor=request.user),
            title=title,
            success=success,
            done_url=_manage_url(council),
        )

    view.__doc__ = doc
    return view


member_add = _council_form_view(
    forms.MemberForm,
    services.member_add,
    title=gettext_lazy("Add a member"),
    success=gettext_lazy("The member is added."),
    doc="Add a member; the rulebook's limit per constituency is checked by the service.",
    form_needs_council=True,
)
meeting_add = _council_form_view(
    forms.MeetingForm,
    services.meeting_create,
    title=gettext_lazy("New meeting"),
    success=gettext_lazy("The meeting is scheduled and published in the calendar."),
    doc="Schedule a meeting; it is refused if it overlaps another meeting of the council.",
)
rulebook_adopt = _council_form_view(
    forms.RulebookForm,
    services.rulebook_adopt,
    title=gettext_lazy("New version of the rulebook"),
    success=gettext_lazy("The new version of the rulebook is published."),
    doc="Record a newly adopted version of the rulebook.",
)
matter_add = _council_form_view(
    forms.MatterForm,
    services.matter_raise,
    title=gettext_lazy("Record a matter"),
    success=gettext_lazy("The matter is recorded and shown on the council's page."),
    doc="Record a matter raised in the council.",
    form_needs_council=True,
)


@require_http_methods(["GET", "POST"])
@login_required
@manage_permission
def member_end(request, slug: str, pk: int):
    """Record that a member has left; they stay in the list of former members."""
    council = get_object_or_404(Council, slug=slug)
    member = get_object_or_404(Member, council=council, pk=pk)
    form = forms.MemberEndForm(request.POST or None)
    return _form_page(
        request,
        council,
        form,
        lambda data: services.member_end(member=member, **data, actor=request.user),
        title=_("%(name)s leaves the council") % {"name": member.name},
        success=_("The membership is ended and kept in the history."),
        done_url=_manage_url(council),
    )


def _multi_form_page(request, template: str, context: dict, actions: dict, done_url: str):
    """Render a staff page with several small forms; a POST names its form in ``action``.

    ``actions`` maps each action to (form class, service call taking cleaned data, success message).
    """
    posted = request.POST.get("action") if request.method == "POST" else None
    if request.method == "POST" and posted not in actions:
        return render(request, template, {**context, "forms": {}}, status=400)
    bound = {}
    for name, (form_class, _call, _message) in actions.items():
        bound[name] = form_class(request.POST if name == posted else None, prefix=name)
    if posted:
        _form_class, call, message = actions[posted]
        if run_service_form(request, bound[posted], call):
            messages.success(request, message)
            return redirect(done_url)
    status = 400 if posted and bound[posted].errors else 200
    return render(request, template, {**context, "forms": bound}, status=status)


@require_http_methods(["GET", "POST"])
@login_required
@manage_permission
def meeting_manage(request, slug: str, pk: int):
    """Let the administrator build the agenda, add documents, move the meeting and draft, approve and publish
    the minutes."""
    council = get_object_or_404(Council, slug=slug)
    meeting = selectors.meeting_detail(council=council, pk=pk)
    actor = request.user
    actions = {
        "agenda": (
            forms.AgendaItemForm,
            lambda data: services.agenda_item_add(meeting=meeting, **data, actor=actor),
            _("The item is added to the agenda."),
        ),
        "document": (
            forms.DocumentForm,
            lambda data: services.document_add(meeting=meeting, **data, actor=actor),
            _("The document is published."),
        ),
        "reschedule": (
            forms.RescheduleForm,
            lambda data: services.meeting_reschedule(meeting=meeting, **data, actor=actor),
            _("The meeting is moved."),
        ),
        "minutes": (
            forms.MinutesForm,
            lambda data: services.minutes_save_draft(meeting=meeting, **data, actor=actor),
            _("The draft minutes are saved."),
        ),
        "approve": (
            forms.ApproveForm,
            lambda data: services.minutes_approve(meeting=meeting, **data, actor=actor),
            _("The minutes are approved."),
        ),
        "publish": (
            forms.PublishForm,
            lambda data: services.minutes_publish(meeting=meeting, actor=actor),
            _("The minutes are published."),
        ),
    }
    context = {"council": council, "meeting": meeting, "minutes": getattr(meeting, "minutes", None)}
    return _multi_form_page(request, "councils/meeting_manage.html", context, actions, request.path)


@require_http_methods(["GET", "POST"])
@login_required
@manage_permission
def matter_manage(request, slug: str, pk: int):
    """Forward a matter to a committee or department, and publish the answer when it comes."""
    council = get_object_or_404(Council, slug=slug)
    matter = get_object_or_404(Matter.objects.select_related("forwarded_to", "meeting"), council=council, pk=pk)
    actor = request.user
    actions = {
        "forward": (
            forms.ForwardForm,
            lambda data: services.matter_forward(matter=matter, **data, actor=actor),
            _("The matter is forwarded."),
        ),
        "answer": (
            forms.AnswerForm,
            lambda data: services.matter_answer(matter=matter, **data, actor=actor),
            _("The answer is published."),
        ),
    }
    context = {"council": council, "matter": matter}
    return _multi_form_page(request, "councils/matter_manage.html", context, actions, request.path)


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("councils.assign_administrators", raise_exception=True)
def council_administrators(request, slug: str):
    """Choose who administers the council: add an account with the role by its e-mail address, or remove one."""
    council = get_object_or_404(Council, slug=slug)
    actor = request.user
    actions = {
        "add": (
            forms.AdministratorAddForm,
            lambda data: services.council_administrator_add(council=council, user=data["user"], actor=actor),
            _("The administrator is added."),
        ),
        "remove": (
            forms.AdministratorRemoveForm,
            lambda data: services.council_administrator_remove(council=council, **data, actor=actor),
            _("The administrator is removed."),
        ),
    }
    context = {
        "council": council,
        "administrators": selectors.council_administrators(council),
        "candidates": selectors.administrator_candidates(council),
    }
    return _multi_form_page(request, "councils/administrators.html", context, actions, request.path)
