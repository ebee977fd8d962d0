"""Pages of Göteborgsförslaget: thin views that parse, check the rule, call a service and render.

Every action that htmx enhances is also a plain form post that redirects back (works without
JavaScript); an htmx request gets the page's partial instead of the redirect.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from rules.contrib.views import permission_required

from delaktig.accounts.rules import role_pairs
from delaktig.city.models import Area, Committee
from delaktig.core.errors import DomainError
from delaktig.core.pagecache import cache_public
from delaktig.core.ratelimit import client_ip, rate_limits_hit
from delaktig.proposals import selectors, services
from delaktig.proposals.catalogue import RULE_TEXTS, rule_catalogue
from delaktig.proposals.forms import (
    AssignForm,
    CommentForm,
    DecisionForm,
    HandlingForm,
    ListFilterForm,
    ProposalForm,
    PublishForm,
    RefuseForm,
    VoteForm,
)
from delaktig.proposals.models import Comment, Proposal

Status = Proposal.Status


def rate_limit(request, scope: str) -> None:
    """Apply the configured per-account and per-address limits of ``scope`` (propose, vote, comment)."""
    name = f"DELAKTIG_PROPOSAL_RATE_{scope.upper()}"
    rate_limits_hit(
        [(f"proposals-{scope}", f"user-{request.user.pk}", rate) for rate in getattr(settings, name)]
        + [(f"proposals-{scope}-ip", client_ip(request), rate) for rate in getattr(settings, f"{name}_IP")]
    )


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def form_error(form, error: Exception) -> None:
    """Show a service's refusal on the form instead of a 500 (DomainError or a model validation error)."""
    if isinstance(error, ValidationError):
        for field, field_errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, field_errors)
    else:
        form.add_error(None, error.message)


def viewable(request, pk: int) -> Proposal:
    try:
        return selectors.proposal_for_viewer(pk, request.user)
    except Proposal.DoesNotExist as error:
        raise Http404("No such proposal") from error


@require_safe
def proposal_list(request):
    """List published proposals with search, filters, sorts and keyset pagination (constant queries)."""
    committees = list(Committee.objects.filter(active=True))
    form = ListFilterForm(request.GET or None, areas=Area.objects.all(), committees=committees)
    filters = form.cleaned_data if form.is_valid() else {}
    sort = filters.get("sort") or selectors.DEFAULT_SORT
    proposals = selectors.proposal_list_public(
        area=filters.get("area"),
        category=filters.get("category"),
        status=filters.get("status"),
        committee=filters.get("committee"),
        search=filters.get("q"),
        sort=sort,
    )
    page = selectors.proposal_page(proposals, sort=sort, cursor=request.GET.get("after"))
    query = request.GET.copy()
    query.pop("after", None)
    context = {"form": form, "page": page, "query": query.urlencode(), "first_page": "after" in request.GET}
    return render(request, "proposals/list.html", context, status=400 if form.errors else 200)


@require_safe
def proposal_detail(request, pk: int):
    """Show a proposal: text, votes, days left, the vote button, the public timeline and comments."""
    proposal = viewable(request, pk)
    return render(request, "proposals/detail.html", detail_context(request, proposal))


cache_public("proposals:list")
cache_public("proposals:detail", version=lambda request, pk: selectors.proposal_page_version(pk))


def detail_context(request, proposal: Proposal, **extra) -> dict:
    user = request.user
    context = {
        "proposal": proposal,
        "open_for_votes": proposal.is_open_for_votes(),
        "my_vote": selectors.vote_of(proposal, user),
        "following": user.is_authenticated and proposal.follows.filter(user=user).exists(),
        "vote_form": VoteForm(),
        "comments": selectors.comments_visible(proposal) if proposal.published_at else [],
        "comment_form": CommentForm(),
        "named_voters": selectors.named_voters(proposal) if proposal.published_at else [],
        "refusal_text": RULE_TEXTS.get(proposal.refusal_rule) if proposal.refusal_rule else "",
        "similar": similar_to_draft(proposal, user),
    }
    return context | extra


def similar_to_draft(proposal: Proposal, user) -> list[Proposal]:
    """List similar published proposals on the proposer's own draft, so they can check before submitting."""
    if proposal.status != Status.DRAFT or proposal.author_id != user.pk:
        return []
    return selectors.proposal_similar(text=f"{proposal.title} {proposal.body}")


@require_POST
@login_required
def vote(request, pk: int):
    """Cast or withdraw the resident's vote; htmx gets the vote box back, a plain form a redirect."""
    withdraw = request.POST.get("action") == "withdraw"
    form = VoteForm(request.POST)
    form.is_valid()
    if not withdraw:
        rate_limit(request, "vote")
    try:
        if withdraw:
            services.vote_withdraw(proposal_id=pk, actor=request.user)
            message = _("Your vote has been withdrawn.")
        else:
            services.vote_cast(proposal_id=pk, actor=request.user, show_name=form.cleaned_data["show_name"])
            message = _("Thank you! Your vote is counted.")
    except DomainError as error:
        # The services refuse a proposal that does not take votes; only then does it matter whether it is
        # public at all (a counted vote saves the lookup, and a hidden proposal stays hidden: 404).
        if not selectors.public_proposals().filter(pk=pk).exists():
            raise Http404 from error
        if not is_htmx(request):
            raise
        message = error.message
    if is_htmx(request):
        proposal = selectors.proposal_detail_public(pk)
        context = detail_context(request, proposal, vote_message=message)
        return render(request, "proposals/detail.html#vote-box", context)
    messages.success(request, message)
    return redirect("proposals:detail", pk=pk)


@require_POST
@login_required
def follow(request, pk: int):
    proposal = get_object_or_404(selectors.public_proposals(), pk=pk)
    following = request.POST.get("follow") == "1"
    services.follow_set(proposal=proposal, actor=request.user, follow=following)
    if following:
        messages.success(request, _("You will get an e-mail when the status of the proposal changes."))
    else:
        messages.success(request, _("You no longer follow the proposal."))
    return redirect(proposal)


@require_POST
@login_required
def comment_create(request, pk: int):
    proposal = get_object_or_404(selectors.public_proposals(), pk=pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        rate_limit(request, "comment")
        try:
            services.comment_create(
                proposal=proposal,
                actor=request.user,
                body=form.cleaned_data["body"],
                show_name=form.cleaned_data["show_name"],
            )
            messages.success(request, _("Your comment is published."))
            return redirect(f"{proposal.get_absolute_url()}#comments")
        except (DomainError, ValidationError) as error:
            form_error(form, error)
    proposal = selectors.proposal_detail_public(pk)
    return render(request, "proposals/detail.html", detail_context(request, proposal, comment_form=form), status=400)


@require_POST
@login_required
def comment_report(request, pk: int):
    comment = get_object_or_404(Comment.objects.select_related("proposal"), pk=pk, status=Comment.Status.VISIBLE)
    services.comment_report(comment=comment, actor=request.user, reason=request.POST.get("reason", ""))
    messages.success(request, _("Thank you. A moderator will look at the comment."))
    return redirect(f"{comment.proposal.get_absolute_url()}#comments")


@require_safe
def rule_catalogue_page(request):
    """Publish the rules a proposal is checked against before publication."""
    return render(request, "proposals/rules.html", {"rules": rule_catalogue()})


@require_safe
def similar(request):
    """Return the similar-proposals partial for the text being written (htmx, while typing)."""
    text = request.GET.get("title", "")[:300] + " " + request.GET.get("body", "")[:2000]
    proposals = selectors.proposal_similar(text=text)
    return render(request, "proposals/similar.html", {"similar": proposals})


@require_http_methods(["GET", "POST"])
@login_required
def proposal_create(request):
    """Write a new proposal; it is saved as a draft the proposer submits when ready."""
    if not request.user.has_perm("proposals.propose"):
        return render(request, "proposals/verify_first.html", status=403)
    form = ProposalForm(request.POST or None, initial={"proposer_name": request.user.display_name})
    if request.method == "POST" and form.is_valid():
        rate_limit(request, "propose")
        try:
            proposal = services.proposal_create(actor=request.user, **form.cleaned_data)
            messages.success(request, _("Your draft is saved. Read it through and submit it when you are ready."))
            return redirect(proposal)
        except (DomainError, ValidationError) as error:
            form_error(form, error)
    return render(request, "proposals/form.html", {"form": form}, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
@permission_required("proposals.edit", fn=lambda request, pk: get_object_or_404(Proposal, pk=pk), raise_exception=True)
def proposal_edit(request, pk: int):
    proposal = get_object_or_404(Proposal, pk=pk)
    form = ProposalForm(request.POST or None, instance=proposal)
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_update(proposal=proposal, actor=request.user, **form.cleaned_data)
            messages.success(request, _("Your draft is saved."))
            return redirect(proposal)
        except (DomainError, ValidationError) as error:
            form_error(form, error)
    similar = selectors.proposal_similar(text=f"{proposal.title} {proposal.body}")
    context = {"form": form, "proposal": proposal, "similar": similar}
    return render(request, "proposals/form.html", context, status=400 if form.errors else 200)


@require_POST
@login_required
def proposal_submit(request, pk: int):
    proposal = get_object_or_404(Proposal, pk=pk, author=request.user)
    services.proposal_submit(proposal=proposal, actor=request.user)
    messages.success(request, _("Your proposal is sent for review. You will get an e-mail when it is reviewed."))
    return redirect(proposal)


@require_POST
@login_required
def proposal_withdraw(request, pk: int):
    proposal = get_object_or_404(Proposal, pk=pk, author=request.user)
    services.proposal_withdraw(proposal=proposal, actor=request.user)
    messages.success(request, _("Your proposal is withdrawn."))
    return redirect("proposals:mine")


@require_safe
@login_required
def my_proposals(request):
    """List the resident's own proposals in every status, drafts included."""
    return render(request, "proposals/mine.html", {"proposals": selectors.proposals_of(request.user)})


@require_safe
@permission_required("proposals.moderate", raise_exception=True)
def moderation_queue(request):
    context = {"proposals": selectors.moderation_queue(), "comments": selectors.comments_pending_review()}
    return render(request, "proposals/moderation/queue.html", context)


@require_safe
@permission_required("proposals.moderate", raise_exception=True)
def moderation_review(request, pk: int):
    """Review one proposal: its text, similar proposals and the rule catalogue."""
    proposal = get_object_or_404(Proposal.objects.select_related("area", "district", "committee"), pk=pk)
    return render(request, "proposals/moderation/review.html", review_context(proposal))


def review_context(proposal: Proposal, **forms) -> dict:
    return {
        "proposal": proposal,
        "similar": selectors.proposal_similar(text=f"{proposal.title} {proposal.body}", exclude_id=proposal.pk),
        "publish_form": PublishForm(initial={"committee": proposal.committee_id}),
        "refuse_form": RefuseForm(),
        "assign_form": AssignForm(initial={"committee": proposal.committee_id}),
    } | forms


def moderation_action(request, pk: int, form_class, key: str, act) -> object:
    """Run a moderator's form action; show the review page again with the error if it fails."""
    proposal = get_object_or_404(Proposal, pk=pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            act(proposal, form.cleaned_data)
            return redirect("proposals:moderation")
        except DomainError as error:
            form_error(form, error)
    return render(request, "proposals/moderation/review.html", review_context(proposal, **{key: form}), status=400)


@require_POST
@permission_required("proposals.moderate", raise_exception=True)
def moderation_publish(request, pk: int):
    def act(proposal, data):
        services.proposal_publish(proposal=proposal, actor=request.user, committee=data["committee"])
        messages.success(request, _("The proposal is published and open for votes."))

    return moderation_action(request, pk, PublishForm, "publish_form", act)


@require_POST
@permission_required("proposals.moderate", raise_exception=True)
def moderation_refuse(request, pk: int):
    def act(proposal, data):
        services.proposal_refuse(proposal=proposal, actor=request.user, rule=data["rule"], note=data["note"])
        messages.success(request, _("The proposal is refused. The proposer is told which rule applies."))

    return moderation_action(request, pk, RefuseForm, "refuse_form", act)


@require_POST
@permission_required("proposals.moderate", raise_exception=True)
def moderation_assign(request, pk: int):
    def act(proposal, data):
        services.proposal_assign(proposal=proposal, actor=request.user, committee=data["committee"])
        messages.success(request, _("The proposal is assigned and the committee is notified."))

    return moderation_action(request, pk, AssignForm, "assign_form", act)


@require_POST
@permission_required("proposals.moderate", raise_exception=True)
def moderation_comment(request, pk: int):
    comment = get_object_or_404(Comment, pk=pk)
    services.comment_review(comment=comment, actor=request.user, keep=request.POST.get("keep") == "1")
    messages.success(request, _("The comment is reviewed."))
    return redirect("proposals:moderation")


def secretary_committee_ids(user) -> list[int]:
    return [committee for role, committee in role_pairs(user) if role == "committee_secretary" and committee]


@require_safe
@permission_required("proposals.view_committee_queue", raise_exception=True)
def committee_queue(request):
    """List the proposals assigned to the secretary's committees, overdue ones marked."""
    proposals = selectors.committee_queue(committee_ids=secretary_committee_ids(request.user))
    context = {"proposals": proposals, "overdue_days": settings.DELAKTIG_PROPOSAL_OVERDUE_DAYS}
    return render(request, "proposals/committee/queue.html", context)


def decidable(request, pk: int) -> Proposal:
    proposal = get_object_or_404(Proposal.objects.select_related("committee", "area"), pk=pk)
    if not request.user.has_perm("proposals.record_decision", proposal):
        raise Http404("No such proposal in your committee")
    return proposal


# The handling page shows both forms at once: prefixes keep their field ids (and so their labels) apart.
RECORD_FORMS = {"handling": HandlingForm, "decision": DecisionForm}


def handling_context(proposal: Proposal, **forms) -> dict:
    return {
        "proposal": proposal,
        **{f"{step}_form": form_class(instance=proposal, prefix=step) for step, form_class in RECORD_FORMS.items()},
    } | forms


@require_safe
@login_required
def committee_handling(request, pk: int):
    proposal = decidable(request, pk)
    return render(request, "proposals/committee/handling.html", handling_context(proposal))


@require_POST
@login_required
def committee_record(request, pk: int):
    """Record the meeting date and case number, or the decision, for a proposal of the committee."""
    proposal = decidable(request, pk)
    step = "decision" if request.POST.get("step") == "decision" else "handling"
    form = RECORD_FORMS[step](request.POST, instance=Proposal.objects.get(pk=pk), prefix=step)
    if form.is_valid():
        try:
            if step == "decision":
                services.proposal_decide(proposal=proposal, actor=request.user, **form.cleaned_data)
                messages.success(request, _("The decision is recorded and published. The proposer is told."))
            else:
                services.proposal_handling_record(proposal=proposal, actor=request.user, **form.cleaned_data)
                messages.success(request, _("The handling is recorded."))
            return redirect("proposals:committee_queue")
        except (DomainError, ValidationError) as error:
            form_error(form, error)
    context = handling_context(proposal, **{f"{step}_form": form})
    return render(request, "proposals/committee/handling.html", context, status=400)
