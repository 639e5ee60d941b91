from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from secon.communications.views import hooks
from secon.core import media
from secon.public import views as public_views

urlpatterns = [
    path("", public_views.choose_language, name="root"),
    path("healthz", public_views.health, name="health"),
    path("admin/", admin.site.urls),
    # The REST API (tokens only, JSON, no language prefix: ?lang= chooses the texts' language).
    path("api/", include("secon.api.urls")),
    # Uploaded files, each checked against who may see it (core/media.py); no language prefix.
    path("media/<path:name>", media.serve, name="media"),
    # The mail service's bounce and complaint notifications (communications/views/hooks.py).
    path("hooks/mail-events", hooks.mail_events, name="mail_events"),
    *i18n_patterns(
        path("accounts/api-tokens/", include("secon.api.account_urls")),
        path("api/", include("secon.api.page_urls")),
        path("accounts/", include("secon.accounts.urls")),
        # Apps with public pages of their own come first: "<project>/" in public would shadow them.
        path("", include("secon.mail.urls")),
        path("", include("secon.practices.urls")),
        path("", include("secon.events.urls")),
        path("", include("secon.governance.urls")),
        path("", include("secon.policy.urls")),
        path("", include("secon.indicators.urls")),
        path("", include("secon.communications.urls")),
        path("", include("secon.public.urls")),
        prefix_default_language=True,
    ),
]

handler400 = "secon.public.views.bad_request"
handler404 = "secon.public.views.page_not_found"
handler500 = "secon.public.views.server_error"
