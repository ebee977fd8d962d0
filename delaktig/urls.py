from django.conf import settings
from django.contrib import admin
from django.urls import include, path
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
    path("sprak/", set_language, name="set_language"),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

if settings.DELAKTIG_TEST_EID:
    urlpatterns.insert(0, path("konto/test-e-legitimation/", include("delaktig.accounts.eid_test_urls")))
