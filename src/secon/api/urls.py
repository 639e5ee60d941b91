"""The API's addresses: /api/v1/<resource>/ and the OpenAPI schema at /api/schema/."""

from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import AllowAny
from rest_framework.routers import SimpleRouter

from django.urls import include, path

from secon.api.views import actions, drafts, people, practices, resources, writes

app_name = "api"

router = SimpleRouter()
router.register("projects", resources.ProjectViewSet, basename="project")
router.register("partners", resources.PartnerViewSet, basename="partner")
router.register("organisations", resources.OrganisationViewSet, basename="organisation")
router.register("regions", resources.RegionViewSet, basename="region")
router.register("events", resources.EventViewSet, basename="event")
router.register("sessions", resources.SessionViewSet, basename="session")
router.register("practices", practices.PracticeViewSet, basename="practice")
router.register("practice-drafts", drafts.DraftViewSet, basename="practice-draft")
router.register("actions", actions.ActionViewSet, basename="action")
router.register("transfers", resources.TransferViewSet, basename="transfer")
router.register("decisions", resources.DecisionViewSet, basename="decision")
router.register("instruments", resources.InstrumentViewSet, basename="instrument")
router.register("articles", resources.ArticleViewSet, basename="article")
router.register("people", people.PersonViewSet, basename="person")
router.register("registrations", writes.RegistrationViewSet, basename="registration")
router.register("attendance", writes.AttendanceViewSet, basename="attendance")

urlpatterns = [
    path("v1/", include(router.urls)),
    path(
        "schema/",
        SpectacularAPIView.as_view(
            authentication_classes=[], permission_classes=[AllowAny], throttle_classes=[]
        ),
        name="schema",
    ),
]
