from django.urls import path

from delaktig.accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.profile, name="profile"),
]
