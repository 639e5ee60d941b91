from django.urls import path, re_path

from secon.indicators.views import exports, manage, periods

app_name = "indicators"

base = "<slug:project>/indicators/"

urlpatterns = [
    path(base, periods.index, name="index"),
    path(base + "targets/", manage.targets, name="targets"),
    path(base + "new/", manage.create_indicator, name="create"),
    path(base + "periods/<int:number>/", periods.period, name="period"),
    path(base + "periods/<int:number>/step/", periods.step, name="step"),
    path(base + "periods/<int:number>/summary/", periods.summary, name="summary"),
    re_path(
        r"^(?P<project>[-a-zA-Z0-9_]+)/indicators/periods/(?P<number>[0-9]{1,5})/report\.(?P<extension>xlsx|pdf|json)$",
        exports.report,
        name="report",
    ),
    path(base + "periods/<int:number>/values/<slug:code>/", manage.manual_value, name="value"),
    path(base + "periods/<int:number>/<slug:code>/", periods.records, name="records"),
]
