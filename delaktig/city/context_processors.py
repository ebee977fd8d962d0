from django.utils.functional import SimpleLazyObject

from delaktig.city.selectors import area_list


def areas(request):
    """Give every page the four areas for the area navigation, queried only if the page shows it."""
    return {"nav_areas": SimpleLazyObject(lambda: list(area_list()))}
