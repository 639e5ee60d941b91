"""People of the projects (personal data): only those whose data the token's user handles.

Names, organisation and position need ``people:read``; the e-mail address also needs
``contacts:read`` and the person's consent to share their contact details with partners.
"""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions

from django.utils.translation import gettext as _

from secon.api.enums import Access, Resource, scope
from secon.api.serializers.personal import PersonSerializer
from secon.api.views.base import ResourceViewSet
from secon.organisations.models import Person
from secon.organisations.selectors import list_people_handled_by
from secon.projects.models import Project


@extend_schema(
    parameters=[OpenApiParameter("project", str, description="Only the people of this project (its slug).")]
)
class PersonViewSet(ResourceViewSet):
    """The people of the projects whose personal data the token's user handles."""

    resource = Resource.PEOPLE
    project_path = None  # people belong to no one project: the selector narrows them
    serializer_class = PersonSerializer
    expandable = {"organisation": ("organisation__region",)}
    filters = {"organisation": ("organisation__slug", str, "Only the people of this organisation (slug).")}
    ordering = ("last_name", "first_name", "pk")

    def _project_id(self) -> int | None:
        token = self.request.auth
        raw = self.request.query_params.get("project", "")
        if not raw:
            return token.project_id
        project = Project.objects.filter(slug=raw[:60]).only("pk").first()
        if project is None or (token.project_id and token.project_id != project.pk):
            raise exceptions.ValidationError({"project": [_("Give the slug of a project.")]})
        return project.pk

    def base_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Person.objects.none()
        return list_people_handled_by(user=self.request.user, project_id=self._project_id())

    def get_serializer_context(self):
        context = super().get_serializer_context()
        token = self.request.auth
        context["contacts"] = bool(token) and token.allows(scope(Resource.CONTACTS, Access.READ))
        return context
