from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from delaktig.proposals import selectors
from delaktig.proposals.models import Proposal


@require_safe
def proposal_list(request):
    """List published proposals with search, filters, sorts and keyset pagination."""
    sort = request.GET.get("sort", selectors.DEFAULT_SORT)
    proposals = selectors.proposal_list_public(search=request.GET.get("q"), sort=sort)
    page = selectors.proposal_page(proposals, sort=sort, cursor=request.GET.get("after"))
    return render(request, "proposals/list.html", {"page": page})


@require_safe
def proposal_detail(request, pk: int):
    try:
        proposal = selectors.proposal_for_viewer(pk, request.user)
    except Proposal.DoesNotExist as error:
        raise Http404("No such proposal") from error
    return render(request, "proposals/detail.html", {"proposal": proposal})
