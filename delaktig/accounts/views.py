import json

import rules
from allauth.account.adapter import get_adapter as get_account_adapter
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from rules.contrib.views import permission_required

from delaktig.accounts import eid_test_provider, selectors
from delaktig.accounts.adapters import eid_error_response
from delaktig.accounts.forms import AccountDeleteForm, RoleGrantForm, TestEidForm
from delaktig.accounts.models import Person, RoleAssignment, User
from delaktig.accounts.services import account_delete, person_verify_eid, personal_data_export, role_grant, role_revoke
from delaktig.core.errors import DomainError
from delaktig.core.ratelimit import rate_limit_hit

PERSONAL_DATA_EXPORT_RATE = "10/h"
NO_SUCH_ACCOUNT = gettext_lazy("No account has this e-mail address.")


@require_safe
@login_required
def profile(request):
    """Show the resident's own account: verification level, roles, and what they can do about their data."""
    person = Person.objects.filter(user=request.user).first()
    roles = request.user.roles.select_related("committee")
    return render(
        request,
        "accounts/profile.html",
        {
            "person": person,
            "roles": roles,
            "test_eid": settings.DELAKTIG_TEST_EID,
            "can_manage_roles": rules.has_perm("accounts.manage_roles", request.user),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def personal_data(request):
    """Explain what we hold, and hand it over as a JSON file on request (GDPR articles 15 and 20)."""
    if request.method == "GET":
        return render(request, "accounts/personal_data.html")
    rate_limit_hit(scope="personal-data-export", key=str(request.user.pk), rate=PERSONAL_DATA_EXPORT_RATE)
    data = personal_data_export(user=request.user, actor=request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2), content_type="application/json"
    )
    filename = f"delaktig-mina-uppgifter-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_http_methods(["GET", "POST"])
@login_required
def delete_account(request):
    """Delete the account on request (GDPR article 17) after the person confirms it."""
    form = AccountDeleteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        account_delete(user=request.user, actor=request.user)
        logout(request)
        messages.success(request, _("Your account is deleted. Thank you for taking part."))
        return redirect("home")
    return render(request, "accounts/delete_account.html", {"form": form}, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
@permission_required("accounts.manage_roles", raise_exception=True)
def roles(request):
    """List the staff roles and grant new ones (administrators only)."""
    form = RoleGrantForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = User.objects.filter(email__iexact=form.cleaned_data["email"], deleted_at__isnull=True).first()
        if user is None:
            form.add_error("email", NO_SUCH_ACCOUNT)
        else:
            try:
                role_grant(
                    user=user,
                    role=form.cleaned_data["role"],
                    committee=form.cleaned_data["committee"],
                    actor=request.user,
                )
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("The role is given."))
                return redirect("accounts:roles")
    return render(
        request,
        "accounts/roles.html",
        {"form": form, "assignments": selectors.role_assignments()},
        status=400 if form.errors else 200,
    )


@require_POST
@permission_required("accounts.manage_roles", raise_exception=True)
def role_remove(request, pk: int):
    """Take a staff role away (administrators only)."""
    role_revoke(assignment=get_object_or_404(RoleAssignment, pk=pk), actor=request.user)
    messages.success(request, _("The role is taken away."))
    return redirect("accounts:roles")


@require_http_methods(["GET", "POST"])
def test_eid_login(request):
    """Log in with the built-in test e-ID: pick a test person, then the real e-ID service takes over."""
    if not settings.DELAKTIG_TEST_EID:
        raise Http404
    form = TestEidForm(request.POST if request.method == "POST" else None)
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if request.method == "POST" and form.is_valid():
        actor = request.user if request.user.is_authenticated else None
        try:
            user = person_verify_eid(
                number=form.cleaned_data["number"], provider=eid_test_provider.PROVIDER_ID, actor=actor
            )
        except DomainError as error:
            return eid_error_response(request, error)
        get_account_adapter(request).login(request, user)
        safe = url_has_allowed_host_and_scheme(next_url, {request.get_host()}, require_https=request.is_secure())
        return redirect(next_url if safe and next_url else "accounts:profile")
    return render(
        request, "accounts/test_eid.html", {"form": form, "next": next_url}, status=400 if form.errors else 200
    )
