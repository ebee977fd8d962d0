from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilsConfig(AppConfig):
    name = "delaktig.councils"
    label = "councils"
    verbose_name = _("Local councils")

    def ready(self):
        """Show the area's councils on its hub page."""
        from delaktig.city.hub import HubSection, register_hub_section
        from delaktig.councils import selectors

        register_hub_section(
            HubSection(
                key="councils",
                title=_("Local councils"),
                template="councils/hub_section.html",
                items=selectors.councils_in_area,
                empty_text=_("The area has no local council yet."),
                order=15,
            )
        )
