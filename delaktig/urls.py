from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from delaktig.api.api import api
from delaktig.city import views as city_views

urlpatterns = [
    path("", city_views.home, name="home"),
    path("", include("delaktig.core.urls")),
    path("", include("delaktig.city.urls")),
    path("inventering/", include("delaktig.inventory.urls")),
    path("kalender/", include("delaktig.events.urls")),
    path("lokala-rad/", include("delaktig.councils.urls")),
    path("konto/", include("delaktig.accounts.urls")),
    path("forslag/", include("delaktig.proposals.urls")),
    path("konto/", include("allauth.urls")),
    # Exempt from CSRF so that public pages carry no token and can be cached for every visitor; a forged
    # post could only switch a visitor's language, and set_language only redirects to this site.
    path("sprak/", csrf_exempt(set_language), name="set_language"),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

if settings.DELAKTIG_TEST_EID:
    urlpatterns.insert(0, path("konto/test-e-legitimation/", include("delaktig.accounts.eid_test_urls")))
