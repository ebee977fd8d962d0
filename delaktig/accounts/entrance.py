"""allauth's form views, answering a form shown again with errors with 400, as every Delaktig form does.

The page is allauth's, unchanged; only the status tells a browser, a test or a monitor that the input
was refused. accounts/urls.py routes the paths that take typed input here, ahead of allauth's own URLs.
"""

from allauth.account import views as allauth_views


class InvalidFormAnswers400:
    """Answer an invalid form with 400 Bad Request instead of 200 (redirects stay as they are)."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if response.status_code == 200:
            response.status_code = 400
        return response


class LoginView(InvalidFormAnswers400, allauth_views.LoginView):
    pass


class SignupView(InvalidFormAnswers400, allauth_views.SignupView):
    pass


class RequestLoginCodeView(InvalidFormAnswers400, allauth_views.RequestLoginCodeView):
    pass


class ConfirmLoginCodeView(InvalidFormAnswers400, allauth_views.ConfirmLoginCodeView):
    pass


class ConfirmEmailVerificationCodeView(InvalidFormAnswers400, allauth_views.ConfirmEmailVerificationCodeView):
    pass


class EmailView(InvalidFormAnswers400, allauth_views.EmailView):
    pass


class PasswordResetView(InvalidFormAnswers400, allauth_views.PasswordResetView):
    pass


class PasswordChangeView(InvalidFormAnswers400, allauth_views.PasswordChangeView):
    pass
