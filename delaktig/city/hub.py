"""The hook through which every app shows its part of an area's hub page (lokalt nav).

An app registers a ``HubSection`` in its ``AppConfig.ready()``: a title, a template fragment and a
selector that returns the area's items. The hub page renders the sections in order and shows the
section's empty text when the selector returns nothing, so residents see what is missing too.
Each selector should issue a constant number of queries (the hub page's query count is pinned).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.functional import Promise

from delaktig.city.models import Area


@dataclass(frozen=True)
class HubSection:
    key: str
    title: str | Promise
    template: str
    items: Callable[[Area], Sequence]
    empty_text: str | Promise = ""
    order: int = 100


_registry: dict[str, HubSection] = {}


def register_hub_section(section: HubSection) -> None:
    """Add or replace a section; replacing by key keeps autoreload from showing one section twice."""
    _registry[section.key] = section


def unregister_hub_section(key: str) -> None:
    _registry.pop(key, None)


def hub_sections(area: Area) -> list[tuple[HubSection, list]]:
    """Return every registered section with the area's items, in display order."""
    return _sections_with_items(_registry, area)


_office_registry: dict[str, HubSection] = {}


def register_office_section(section: HubSection) -> None:
    """Add or replace a section of a citizen office's page; ``items`` is called with the office."""
    _office_registry[section.key] = section


def office_sections(office) -> list[tuple[HubSection, list]]:
    """Return every registered office-page section with the office's items, in display order."""
    return _sections_with_items(_office_registry, office)


def _sections_with_items(registry: dict[str, HubSection], owner) -> list[tuple[HubSection, list]]:
    ordered = sorted(registry.values(), key=lambda section: (section.order, section.key))
    return [(section, list(section.items(owner))) for section in ordered]
