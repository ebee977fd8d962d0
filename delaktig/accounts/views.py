from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from delaktig.accounts.models import Person


@require_safe
@login_required
def profile(request):
    """Show the resident's own account: verification level and roles."""
    person = Person.objects.filter(user=request.user).first()
    return render(request, "accounts/profile.html", {"person": person, "roles": request.user.roles.all()})
