from django.apps import AppConfig
from django.urls import register_converter
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "delaktig.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from delaktig.core.converters import IdConverter

        # Before any URLconf is read: the apps' routes use <id:…>.
        register_converter(IdConverter, "id")
