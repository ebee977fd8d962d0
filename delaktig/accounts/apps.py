from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "delaktig.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        """Import every app's ``gdpr`` module so its personal data is in the download and the erasure."""
        from delaktig.accounts import checks  # noqa: F401  (registers the e-ID system checks)

        autodiscover_modules("gdpr")
