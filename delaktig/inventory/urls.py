from django.urls import path

from delaktig.inventory import views

app_name = "inventory"

urlpatterns = [
    path("", views.initiative_list, name="list"),
    path("kartlaggning/", views.mapping, name="mapping"),
    path("aterrapportering/", views.report, name="report"),
    path("importera/", views.inventory_import, name="import"),
    path("ny/", views.initiative_create, name="create"),
    path("<int:pk>/", views.initiative_detail, name="detail"),
    path("<int:pk>/andra/", views.initiative_edit, name="edit"),
    path("<int:pk>/status/", views.initiative_status, name="status"),
    path("<int:pk>/overfor/", views.initiative_transfer, name="transfer"),
    path("<int:pk>/deltagare/", views.participation_record, name="participation"),
]
