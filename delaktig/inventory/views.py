from collections.abc import Callable
from functools import wraps
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe
from rules.contrib.views import permission_required

from delaktig.core.errors import DomainError
from delaktig.core.exports import csv_response, pdf_response, xlsx_response
from delaktig.inventory import selectors, services
from delaktig.inventory.forms import (
    ImportForm,
    InitiativeFilterForm,
    InitiativeForm,
    MappingFilterForm,
    ParticipationForm,
    ReportForm,
    StatusChangeForm,
    TransferForm,
)
from delaktig.inventory.imports import COLUMNS, REQUIRED_COLUMNS, accepted_values, plan_import, read_rows
from delaktig.inventory.models import Initiative
from delaktig.inventory.reports import REPORT_TABLE_KEYS, inventory_report, report_table

PAGE_SIZE = 50
PRINT_STYLESHEET = Path(__file__).resolve().parent / "static" / "inventory" / "report-print.css"


def staff_permission(perm: str) -> Callable:
    """Require a named rule: a visitor who is not logged in is sent to log in, anyone else without it gets 403."""

    def decorator(view):
        checked = permission_required(perm, raise_exception=True)(view)

        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            return checked(request, *args, **kwargs)

        return wrapper

    return decorator


def _visible_initiative(request, pk: int) -> Initiative:
    """Return the initiative if the user may see it; an unpublished one is simply not there for the public."""
    try:
        initiative = selectors.initiative_detail(pk=pk)
    except Initiative.DoesNotExist as error:
        raise Http404("No such initiative") from error
    if not request.user.has_perm("inventory.view_initiative", initiative):
        raise Http404("No such initiative")
    return initiative


@require_safe
def initiative_list(request):
    """List the inventory with filters; inventory editors also see what is not published."""
    form = InitiativeFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    initiatives = selectors.initiative_list(
        include_unpublished=request.user.has_perm("inventory.view_unpublished"),
        area=filters.get("area"),
        committee=filters.get("committee"),
        kind=filters.get("kind", ""),
        group=filters.get("group", ""),
        status=filters.get("status", ""),
        text=filters.get("q", ""),
    )
    page = Paginator(initiatives, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "initiatives": page.object_list, "query": query.urlencode()}
    return render(request, "inventory/initiative_list.html", context, status=400 if form.errors else 200)


@require_safe
def initiative_detail(request, pk: int):
    return render(request, "inventory/initiative_detail.html", {"initiative": _visible_initiative(request, pk)})


@require_safe
def mapping(request):
    """Show the area map of the inventory: what exists per area and kind and per area and target group."""
    form = MappingFilterForm(request.GET or None)
    committee = form.cleaned_data.get("committee") if form.is_valid() else None
    include_unpublished = request.user.has_perm("inventory.view_unpublished")
    context = {
        "form": form,
        "committee": committee,
        "include_unpublished": include_unpublished,
        "mapping": selectors.inventory_mapping(committee=committee, include_unpublished=include_unpublished),
    }
    return render(request, "inventory/mapping.html", context, status=400 if form.errors else 200)


@require_safe
@staff_permission("inventory.view_report")
def report(request):
    """Show the report back (återrapportering) for a period and committee, or send it as CSV, XLSX or PDF."""
    form = ReportForm(request.GET or ReportForm.default_period())
    if not form.is_valid():
        return render(request, "inventory/report.html", {"form": form}, status=400)
    result = inventory_report(**form.cleaned_data)
    filename = f"aterrapportering-{result.start:%Y%m%d}-{result.end:%Y%m%d}"
    requested = request.GET.get("format", "")
    if requested == "csv":
        key = request.GET.get("table", REPORT_TABLE_KEYS[0])
        if key not in REPORT_TABLE_KEYS:
            raise Http404("No such table")
        return csv_response(report_table(result, key), f"{filename}-{key}.csv")
    if requested == "xlsx":
        return xlsx_response(result.tables, f"{filename}.xlsx")
    context = {"form": form, "report": result, "query": request.GET.urlencode(), "table_keys": REPORT_TABLE_KEYS}
    if requested == "pdf":
        context["stylesheet"] = PRINT_STYLESHEET.as_uri()
        return pdf_response("inventory/report_print.html", context, f"{filename}.pdf", request)
    return render(request, "inventory/report.html", context)


def _form_page(request, form, action: Callable, success: str, context: dict, template="inventory/action_form.html"):
    """Run ``action(form)`` on a valid POST and redirect to the URL it returns; else show the form (400 on errors)."""
    if request.method == "POST" and form.is_valid():
        try:
            target = action(form)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, success)
            return redirect(target)
    return render(request, template, {**context, "form": form}, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
@staff_permission("inventory.add_initiative")
def initiative_create(request):
    form = InitiativeForm(request.POST or None, initial={"published": True, "target_groups": ["everyone"]})

    def action(form):
        return services.initiative_create(**form.service_arguments(), actor=request.user)

    context = {"title": _("New initiative"), "submit": _("Save the initiative")}
    return _form_page(request, form, action, _("The initiative is saved."), context)


def _action_view(perm: str, form_class, service: Callable, title: str, submit: str, success: str):
    """Build a staff view that runs one service on one initiative with a small form."""

    @require_http_methods(["GET", "POST"])
    @staff_permission(perm)
    def view(request, pk: int):
        initiative = get_object_or_404(Initiative.objects.select_related("responsible_committee"), pk=pk)

        def action(form):
            service(initiative=initiative, **form.cleaned_data, actor=request.user)
            return initiative

        context = {"title": title, "submit": submit, "initiative": initiative}
        return _form_page(request, form_class(request.POST or None), action, success, context)

    return view


@require_http_methods(["GET", "POST"])
@staff_permission("inventory.change_initiative")
def initiative_edit(request, pk: int):
    initiative = get_object_or_404(Initiative, pk=pk)
    form = InitiativeForm(request.POST or None, initial=InitiativeForm.initial_for(initiative), creating=False)

    def action(form):
        return services.initiative_update(initiative=initiative, **form.service_arguments(), actor=request.user)

    context = {"title": _("Edit the initiative"), "submit": _("Save the changes"), "initiative": initiative}
    return _form_page(request, form, action, _("The changes are saved."), context)


initiative_status = _action_view(
    "inventory.change_status",
    StatusChangeForm,
    services.initiative_status_change,
    _("Change the status"),
    _("Change the status"),
    _("The status is changed and added to the history."),
)
initiative_transfer = _action_view(
    "inventory.transfer_responsibility",
    TransferForm,
    services.initiative_transfer,
    _("Transfer the responsibility"),
    _("Transfer the responsibility"),
    _("The responsibility is transferred and added to the history."),
)
participation_record = _action_view(
    "inventory.record_participation",
    ParticipationForm,
    services.participation_record,
    _("Record participants"),
    _("Record the participants"),
    _("The participants are recorded."),
)


@require_http_methods(["GET", "POST"])
@staff_permission("inventory.import_initiatives")
def inventory_import(request):
    """Check a spreadsheet (dry run) or import it: every row, or none when any row has a problem."""
    form = ImportForm(request.POST or None, request.FILES or None)
    context = {"form": form, "columns": list(COLUMNS), "required": REQUIRED_COLUMNS, "accepted": accepted_values()}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        importing = request.POST.get("action") == "import"
        try:
            plan = plan_import(read_rows(content, upload.name))
            if plan.ok and importing:
                initiatives = services.inventory_import(content=content, filename=upload.name, actor=request.user)
                messages.success(request, _("%(count)s initiatives were imported.") % {"count": len(initiatives)})
                return redirect("inventory:list")
        except DomainError as error:
            form.add_error("file", error.message)
        else:
            context.update(plan=plan, importing=importing)
    status = 400 if form.errors or (context.get("plan") and not context["plan"].ok) else 200
    return render(request, "inventory/import.html", context, status=status)
