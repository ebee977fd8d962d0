from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "delaktig.proposals"
    label = "proposals"
    verbose_name = _("Göteborgsförslaget")

    def ready(self):
        """Show the area's open proposals on its hub page."""
        from delaktig.city.hub import HubSection, register_hub_section
        from delaktig.proposals.selectors import proposal_list_for_hub

        register_hub_section(
            HubSection(
                key="proposals",
                title=_("Proposals (Göteborgsförslaget)"),
                template="proposals/hub_section.html",
                items=proposal_list_for_hub,
                empty_text=_("There are no open proposals in this area right now."),
                order=20,
            )
        )
