from django.urls import path

from delaktig.accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.profile, name="profile"),
    path("mina-uppgifter/", views.personal_data, name="personal_data"),
    path("radera/", views.delete_account, name="delete"),
    path("roller/", views.roles, name="roles"),
    path("roller/<int:pk>/ta-bort/", views.role_remove, name="role_remove"),
]
