from django.urls import path

from delaktig.api import report_views

app_name = "reports"

urlpatterns = [
    path("", report_views.annual_report_latest, name="latest"),
    path("<int:year>/", report_views.annual_report_page, name="annual"),
    path("<int:year>/<slug:fmt>/", report_views.annual_report_download, name="download"),
]
