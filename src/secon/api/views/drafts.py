"""Good practices in every state, for their authors: start a draft, change it, submit it, delete it.

Reads go through the partner side's selectors (who may read which practice is theirs to say);
writes through ``practices.services`` (which check the permission and every rule).
"""

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import exceptions, mixins
from rest_framework.decorators import action
from rest_framework.response import Response

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from secon.api.enums import Resource
from secon.api.permissions import allows_project
from secon.api.problems import Problem
from secon.api.schema import rules
from secon.api.serializers.writes import DraftInput, DraftSerializer, DraftUpdateInput, SubmitInput
from secon.api.services.tokens import record_use
from secon.api.views import writing
from secon.api.views.base import ResourceViewSet
from secon.api.views.writing import IDEMPOTENCY, check_project
from secon.organisations.models import Organisation, Region
from secon.practices.completeness import REQUIRED_TEXTS
from secon.practices.models import TEXT_SECTIONS, GoodPractice
from secon.practices.selectors.practices import get_practice_for_staff, list_practices_for_staff
from secon.practices.services.drafts import NotADraft, create_practice, delete_draft, update_practice
from secon.practices.services.workflow import submit_practice
from secon.projects.models import Project


def _find(name: str, value: str):
    """The record a reference of the body names (a NUTS code or an organisation's slug), or an error."""
    if name == "region":
        found = Region.objects.filter(code=value, nuts_version=2024).first()
        message = _("There is no NUTS 2024 region %(code)s.") % {"code": value}
    else:
        found = Organisation.objects.filter(slug=value).first()
        message = _("There is no organisation %(slug)s.") % {"slug": value}
    if found is None:
        raise ValidationError({name: message})
    return found


def _values(data: dict) -> dict:
    """The service's keyword arguments from a validated body (references looked up by code or slug)."""
    values = dict(data)
    values.pop("project", None)
    for name in ("region", "organisation", "main_institution"):
        if name in values:
            values[name] = _find(name, values[name]) if values[name] not in (None, "") else None
    return values


#: What a schema-valid body may still be refused on (a 400 naming the field): rules that depend on the
#: project or on the values stored.
IN_PROJECT_LANGUAGES = "Texts only in the project's languages (its content languages)."
TEXT_RULES = dict.fromkeys(TEXT_SECTIONS, IN_PROJECT_LANGUAGES)
VALUE_RULES = {
    "end_date": "The practice does not end before it starts (start_date, as stored or sent).",
    "region": "A region (not a whole country) in the country chosen (country, as stored or sent).",
}
#: What submitting needs (``practices.completeness.missing_sections``); else a 400 naming each.
COMPLETE = "Given before submitting (every text in each of the project's languages)."
SUBMIT_RULES = dict.fromkeys(
    (
        *REQUIRED_TEXTS,
        "theme",
        "country",
        "region",
        "city",
        "main_institution",
        "start_date",
        "end_date",
        "contact_email",
    ),
    COMPLETE,
)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter(
                "project",
                str,
                required=True,
                description="The project's slug (a token limited to a project may leave it out).",
            )
        ]
    )
)
class DraftViewSet(
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    ResourceViewSet,
):
    """A project's practices in every state that the token's user may read, drafts included."""

    resource = Resource.PRACTICES
    updated_field = "updated_at"
    serializer_class = DraftSerializer
    expandable = {"region": ("region__parent",), "organisation": ("organisation__region",)}
    select = ("project", "region", "organisation")
    ordering = ("-updated_at", "-pk")
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def _project(self, slug: str, *, field: str) -> Project:
        project = Project.objects.filter(slug=slug).first() if slug else None
        if project is None:
            raise exceptions.ValidationError({field: [_("Give the slug of a project.")]})
        check_project(self.request, project.pk, field=field)
        return project

    def base_queryset(self):
        if self.action != "list":
            return GoodPractice.objects.all()
        token = self.request.auth
        raw = self.request.query_params.get("project", "")
        project = token.project if token.project_id and not raw else self._project(raw[:60], field="project")
        return list_practices_for_staff(project=project, user=self.request.user)

    def get_object(self):
        raw = str(self.kwargs.get("pk", ""))
        found = (
            GoodPractice.objects.filter(pk=int(raw)).select_related("project").first()
            if raw.isdigit()
            else None
        )
        if found is None or not allows_project(self.request.auth, found.project_id):
            raise exceptions.NotFound()
        return get_practice_for_staff(project=found.project, pk=found.pk, user=self.request.user)

    def location(self, practice) -> str:
        return reverse("api:practice-draft-detail", args=[practice.pk])

    @extend_schema(
        request=DraftInput,
        responses={201: DraftSerializer},
        parameters=[IDEMPOTENCY],
        extensions=rules(**TEXT_RULES, **VALUE_RULES),
    )
    def create(self, request, *args, **kwargs):
        def perform(data):
            project = self._project(data["project"], field="project")
            return create_practice(actor=request.user, project=project, **_values(data))

        return writing.write(
            self, request, input_serializer=DraftInput, perform=perform, location=self.location
        )

    @extend_schema(
        request=DraftUpdateInput,
        responses={200: DraftSerializer},
        parameters=[IDEMPOTENCY],
        extensions=rules(**TEXT_RULES, **VALUE_RULES),
    )
    def partial_update(self, request, *args, **kwargs):
        practice = self.get_object()

        def perform(data):
            return update_practice(actor=request.user, practice=practice, **_values(data))

        return writing.write(
            self, request, input_serializer=DraftUpdateInput, perform=perform, status=200, partial=True
        )

    @extend_schema(
        request=SubmitInput,
        responses={
            200: DraftSerializer,
            409: OpenApiResponse(description="The practice is not a draft (submitted, published …)."),
        },
        parameters=[IDEMPOTENCY],
        extensions=rules(**SUBMIT_RULES),
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, *args, **kwargs):
        """Send a complete draft (or an answered request for information) to the reviewers.

        A practice in another state (submitted, published …) is a 409, as for ``DELETE``.
        """
        practice = self.get_object()

        def perform(data):
            try:
                return submit_practice(actor=request.user, practice=practice, comment=data["comment"])
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    raise
                raise Problem(409, " ".join(error.messages)) from None

        return writing.write(self, request, input_serializer=SubmitInput, perform=perform, status=200)

    @extend_schema(
        responses={
            204: OpenApiResponse(description="Deleted."),
            409: OpenApiResponse(description="The practice is no longer a draft (submitted, published …)."),
        }
    )
    def destroy(self, request, *args, **kwargs):
        """Delete a draft you may edit, with its images and documents (a submitted practice stays: 409).

        Sent again after it succeeded (an answer lost on the way), it answers 404: the draft is gone
        either way, so a client retrying a DELETE may take a 404 as done.
        """
        practice = self.get_object()
        try:
            with transaction.atomic():
                delete_draft(actor=request.user, practice=practice)
                record_use(token=request.auth, method=request.method, path=request.path, status=204)
        except NotADraft as error:
            raise Problem(409, str(error)) from None
        return Response(status=204)
