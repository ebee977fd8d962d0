from django.urls import path

from delaktig.councils import views

app_name = "councils"

urlpatterns = [
    path("", views.council_list, name="list"),
    path("omrade/<slug:area_slug>/", views.council_list, name="area_list"),
    path("hantera/", views.staff_home, name="staff"),
    path("hantera/nytt-rad/", views.council_create, name="create"),
    path("<slug:slug>/", views.council_detail, name="detail"),
    path("<slug:slug>/moten/<int:pk>/", views.meeting_detail, name="meeting"),
    path("<slug:slug>/hantera/", views.council_manage, name="manage"),
    path("<slug:slug>/hantera/administratorer/", views.council_administrators, name="administrators"),
    path("<slug:slug>/hantera/ledamot/", views.member_add, name="member_add"),
    path("<slug:slug>/hantera/ledamot/<int:pk>/avslutad/", views.member_end, name="member_end"),
    path("<slug:slug>/hantera/mote/", views.meeting_add, name="meeting_add"),
    path("<slug:slug>/hantera/mote/<int:pk>/", views.meeting_manage, name="meeting_manage"),
    path("<slug:slug>/hantera/arende/", views.matter_add, name="matter_add"),
    path("<slug:slug>/hantera/arende/<int:pk>/", views.matter_manage, name="matter_manage"),
    path("<slug:slug>/hantera/reglemente/", views.rulebook_adopt, name="rulebook_adopt"),
]
