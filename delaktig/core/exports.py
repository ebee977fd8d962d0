"""Tables as downloads: CSV, XLSX and PDF from the same data a page shows.

Every report builds one or more ``Table``s once; the page renders them as HTML tables and these
functions turn the same tables into files, so the numbers in a download always match the page.
"""

import csv
import datetime
import io
from collections.abc import Sequence
from dataclasses import dataclass, field

import xlsxwriter
from django.http import HttpResponse
from django.template.loader import render_to_string

# A cell starting with one of these is a formula to a spreadsheet; resident-written text must not be.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Table:
    title: str
    columns: Sequence[str]
    rows: list[Sequence] = field(default_factory=list)


def _safe_cell(value):
    """Return the value for a spreadsheet cell, neutralising formula injection in text."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(table: Table, filename: str) -> HttpResponse:
    """Return the table as UTF-8 CSV with a byte-order mark, so Excel shows å, ä and ö correctly."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(table.columns)
    writer.writerows([_safe_cell(value) for value in row] for row in table.rows)
    return _attachment(HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8"), filename)


def xlsx_bytes(tables: Sequence[Table]) -> bytes:
    """Write each table to its own sheet, with a bold header row and dates as real dates."""
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"in_memory": True, "strings_to_formulas": False})
    bold = workbook.add_format({"bold": True})
    date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
    for index, table in enumerate(tables):
        sheet = workbook.add_worksheet(_sheet_name(table.title, index))
        sheet.write_row(0, 0, list(table.columns), bold)
        for row_number, row in enumerate(table.rows, start=1):
            for column, value in enumerate(row):
                if isinstance(value, datetime.date):
                    sheet.write_datetime(row_number, column, value, date_format)
                else:
                    sheet.write(row_number, column, _safe_cell(value) if value is not None else "")
        sheet.set_column(0, max(len(table.columns) - 1, 0), 18)
    workbook.close()
    return output.getvalue()


def _sheet_name(title: str, index: int) -> str:
    """Return a valid, unique sheet name (31 characters, none of []:*?/\\)."""
    cleaned = "".join(" " if char in "[]:*?/\\" else char for char in title).strip() or "Blad"
    return f"{index + 1} {cleaned}"[:31]


def xlsx_response(tables: Sequence[Table], filename: str) -> HttpResponse:
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return _attachment(HttpResponse(xlsx_bytes(tables), content_type=content_type), filename)


def pdf_response(template: str, context: dict, filename: str, request) -> HttpResponse:
    """Render the report's print template to PDF with WeasyPrint (the same data as the page)."""
    from weasyprint import HTML  # imported here: loading Pango costs start-up time on every other request

    html = render_to_string(template, context, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    return _attachment(HttpResponse(pdf, content_type="application/pdf"), filename)
