from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from delaktig.city import selectors
from delaktig.city.hub import hub_sections, office_sections
from delaktig.city.models import Area, Committee


@require_safe
def home(request):
    """Show the start page: the services and the four areas with links to their hubs."""
    return render(request, "city/home.html", {"areas": selectors.area_list_with_districts()})


@require_safe
def area_hub(request, slug: str):
    """Show an area's hub page (lokalt nav): its districts, committees, office and every app's section."""
    try:
        area = selectors.area_for_hub(slug=slug)
    except Area.DoesNotExist as error:
        raise Http404("No such area") from error
    context = {
        "area": area,
        "committees": list(selectors.committees_serving(area)),
        "sections": hub_sections(area),
    }
    return render(request, "city/area_hub.html", context)


@require_safe
def committee_list(request):
    return render(request, "city/committee_list.html", {"committees": selectors.committee_list()})


@require_safe
def committee_detail(request, slug: str):
    try:
        committee = selectors.committee_with_seats(slug=slug)
    except Committee.DoesNotExist as error:
        raise Http404("No such committee") from error
    return render(request, "city/committee_detail.html", {"committee": committee})


@require_safe
def office_list(request):
    return render(request, "city/office_list.html", {"offices": selectors.office_list()})


@require_safe
def office_detail(request, slug: str):
    office = get_object_or_404(selectors.office_list(), slug=slug)
    return render(request, "city/office_detail.html", {"office": office, "sections": office_sections(office)})
