from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InventoryConfig(AppConfig):
    name = "delaktig.inventory"
    label = "inventory"
    verbose_name = _("Inventory")

    def ready(self):
        """Show the area's initiatives on its hub page."""
        from delaktig.city.hub import HubSection, register_hub_section
        from delaktig.inventory.selectors import initiatives_for_hub

        register_hub_section(
            HubSection(
                key="initiatives",
                title=_("Democracy initiatives in the area"),
                template="inventory/hub_section.html",
                items=initiatives_for_hub,
                empty_text=_("No democracy initiatives are registered for this area yet."),
                order=60,
            )
        )
