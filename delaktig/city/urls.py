from django.urls import path

from delaktig.city import views

app_name = "city"

urlpatterns = [
    path("omraden/<slug:slug>/", views.area_hub, name="area"),
    path("namnder/", views.committee_list, name="committees"),
    path("namnder/<slug:slug>/", views.committee_detail, name="committee"),
    path("medborgarkontor/", views.office_list, name="offices"),
    path("medborgarkontor/<slug:slug>/", views.office_detail, name="office"),
]
