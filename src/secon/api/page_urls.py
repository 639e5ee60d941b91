"""The API reference page (/<language>/api/)."""

from django.urls import path

from secon.api.views import reference

urlpatterns = [path("", reference.reference, name="api_reference")]
