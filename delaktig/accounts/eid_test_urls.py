"""URLs of the built-in test e-ID provider; delaktig/urls.py includes them only when DELAKTIG_TEST_EID is on."""

from django.urls import path

from delaktig.accounts import views

app_name = "test_eid"

urlpatterns = [
    path("", views.test_eid_login, name="login"),
]
