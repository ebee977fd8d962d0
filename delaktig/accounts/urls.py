from django.urls import path

from delaktig.accounts import entrance, views

app_name = "accounts"

urlpatterns = [
    path("", views.profile, name="profile"),
    path("mina-uppgifter/", views.personal_data, name="personal_data"),
    path("radera/", views.delete_account, name="delete"),
    path("roller/", views.roles, name="roles"),
    path("roller/<int:pk>/ta-bort/", views.role_remove, name="role_remove"),
    # allauth's pages that take typed input, answering refused input with 400 (same paths as allauth's).
    path("login/", entrance.LoginView.as_view()),
    path("signup/", entrance.SignupView.as_view()),
    path("login/code/", entrance.RequestLoginCodeView.as_view()),
    path("login/code/confirm/", entrance.ConfirmLoginCodeView.as_view()),
    path("confirm-email/", entrance.ConfirmEmailVerificationCodeView.as_view()),
    path("email/", entrance.EmailView.as_view()),
    path("password/reset/", entrance.PasswordResetView.as_view()),
    path("password/change/", entrance.PasswordChangeView.as_view()),
]
