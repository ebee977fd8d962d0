from django.urls import path

from delaktig.events import views

app_name = "events"

urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("kalender.ics", views.ical_feed, name="feed"),
    path("omrade/<slug:area_slug>/", views.calendar, name="area_calendar"),
    path("omrade/<slug:area_slug>/kalender.ics", views.ical_feed, name="area_feed"),
    path("demokratibussen/", views.bus_schedule, name="bus"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("<int:pk>/anmalan/", views.register, name="register"),
    path("<int:pk>/avanmalan/", views.unregister, name="unregister"),
    path("hantera/", views.manage, name="manage"),
    path("hantera/nytt/", views.event_create, name="create"),
    path("hantera/<int:pk>/", views.event_staff, name="staff"),
    path("hantera/<int:pk>/andra/", views.event_edit, name="edit"),
    path("hantera/<int:pk>/stall-in/", views.event_cancel, name="cancel"),
    path("hantera/<int:pk>/guider/<int:guide_pk>/ta-bort/", views.guide_unassign, name="guide_unassign"),
    path("guider/", views.guides, name="guides"),
    path("guider/<int:pk>/", views.guide_edit, name="guide_edit"),
]
