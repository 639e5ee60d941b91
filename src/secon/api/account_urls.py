"""The API tokens page of the account area (/<language>/accounts/api-tokens/)."""

from django.urls import path

from secon.api.views import tokens

urlpatterns = [
    path("", tokens.tokens, name="api_tokens"),
    path("<int:pk>/revoke/", tokens.revoke, name="api_token_revoke"),
]
