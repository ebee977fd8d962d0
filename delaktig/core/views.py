from django.contrib import messages
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from delaktig.core.forms import AccessibilityReportForm
from delaktig.core.ratelimit import client_ip, rate_limit_hit
from delaktig.core.services import accessibility_report_create

ACCESSIBILITY_REPORT_RATE = "10/h"


@require_http_methods(["GET", "POST"])
def accessibility_statement(request):
    """Show the accessibility statement (tillgänglighetsredogörelse) and take problem reports."""
    form = AccessibilityReportForm(request.POST or None, initial={"page_url": request.GET.get("page", "")})
    if request.method == "POST" and form.is_valid():
        rate_limit_hit(scope="a11y-report", key=client_ip(request), rate=ACCESSIBILITY_REPORT_RATE)
        accessibility_report_create(**form.cleaned_data, actor=request.user)
        messages.success(
            request, _("Thank you. We have received your report and will answer if you left contact details.")
        )
        return redirect("core:accessibility")
    return render(request, "core/accessibility.html", {"form": form}, status=400 if form.errors else 200)


def csrf_failure(request, reason=""):
    """Explain a rejected form post (expired page or blocked cookies) instead of Django's bare 403."""
    return render(request, "403_csrf.html", status=403)


@never_cache
def health(request):
    """Answer the load balancer: the process is up and the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def robots(request):
    return HttpResponse("User-agent: *\nDisallow: /admin/\nDisallow: /konto/\n", content_type="text/plain")
