from django.urls import path

from delaktig.core import views

app_name = "core"

urlpatterns = [
    path("tillganglighet/", views.accessibility_statement, name="accessibility"),
    path("healthz", views.health, name="health"),
    path("robots.txt", views.robots, name="robots"),
]
