"""The annual report's page and downloads; public, because it holds counts and no person."""

from pathlib import Path

from django.contrib.staticfiles import finders
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from delaktig.api.reports import annual_report, long_table, report_years
from delaktig.core.charts import bar_chart_svg
from delaktig.core.exports import csv_response, pdf_response, xlsx_response

DOWNLOADS = ("csv", "xlsx", "pdf")


@require_safe
def annual_report_latest(request):
    """Send the reader to last year's report, the one the city council receives."""
    return redirect("proposals:reports:annual", year=timezone.localdate().year - 1)


@require_safe
def annual_report_page(request, year: int):
    """Show the year's report: a chart with its table, then the tables per area, committee and rule."""
    return render(request, "reports/annual.html", _context(year))


@require_safe
def annual_report_download(request, year: int, fmt: str):
    """Return the year's report as CSV (every number, long format), XLSX (a sheet per table) or PDF."""
    if fmt not in DOWNLOADS:
        raise Http404("No such format")
    context = _context(year)
    filename = f"goteborgsforslaget-{year}.{fmt}"
    if fmt == "csv":
        return csv_response(long_table(context["report"]), filename)
    if fmt == "xlsx":
        return xlsx_response(context["report"].tables, filename)
    context["print_css"] = Path(finders.find("reports/print.css")).as_uri()
    return pdf_response("reports/annual_pdf.html", context, filename, request)


def _context(year: int) -> dict:
    years = report_years()
    if year not in years:
        raise Http404("No report for this year")
    report = annual_report(year)
    chart = bar_chart_svg(report.chart, title=report.tables[0].title, description=_chart_description(report))
    return {"report": report, "chart": chart, "years": years, "downloads": DOWNLOADS}


def _chart_description(report) -> str:
    return ", ".join(f"{bar.label}: {bar.value}" for bar in report.chart)
