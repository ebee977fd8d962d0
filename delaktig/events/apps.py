from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "delaktig.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self):
        """Show the area's coming events on its hub page and an office's events on the office's page."""
        from delaktig.city.hub import HubSection, register_hub_section, register_office_section
        from delaktig.events import selectors

        register_hub_section(
            HubSection(
                key="events",
                title=_("Coming events"),
                template="events/hub_section.html",
                items=selectors.upcoming_events_in_area,
                empty_text=_("No events are planned in the area right now."),
                order=20,
            )
        )
        register_office_section(
            HubSection(
                key="events",
                title=_("Events at the office"),
                template="events/office_section.html",
                items=selectors.upcoming_events_at_office,
                empty_text=_("No events are planned at the office right now."),
            )
        )
