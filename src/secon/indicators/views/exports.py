"""Downloads of a period's progress report: XLSX, PDF and JSON, for the partnership or one partner."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import translation
from django.views.decorators.http import require_http_methods

from secon.core.http import download
from secon.indicators import exporters, selectors
from secon.indicators.views.common import chosen_partner, project_view

TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def _name(table, extension: str) -> str:
    who = f"-{table.partner.code.lower()}" if table.partner else ""
    return f"{table.project.slug}-period-{table.period.number}{who}.{extension}"


@require_http_methods(["GET", "HEAD"])
@project_view
def report(request: HttpRequest, project, number: int, extension: str) -> HttpResponse:
    number = int(number)
    table = selectors.period_table(project=project, number=number, partner=chosen_partner(request, project))
    language = translation.get_language()
    if extension == "json":
        response = JsonResponse(
            exporters.report_data(table), json_dumps_params={"ensure_ascii": False, "indent": 2}
        )
        response["Content-Disposition"] = f'attachment; filename="{_name(table, extension)}"'
        return response
    if extension == "xlsx":
        content = exporters.report_xlsx(table, language=language)
    else:
        content = exporters.report_pdf(table, language=language)
    return download(content, content_type=TYPES[extension], filename=_name(table, extension))
