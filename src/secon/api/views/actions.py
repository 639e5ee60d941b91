"""The actions of action plans: read them, add one to a draft plan, change it, record its progress.

Reads go through ``policy.plan_selectors``; writes through ``policy.actions`` (which checks the
permission, that the plan is a draft where it must be, and every value).
"""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins
from rest_framework.decorators import action as detail_action

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from secon.api.enums import Resource
from secon.api.schema import rules
from secon.api.serializers.writes import ActionInput, ActionSerializer, ActionUpdateInput, ProgressInput
from secon.api.views import writing
from secon.api.views.base import ResourceViewSet
from secon.api.views.writing import IDEMPOTENCY
from secon.policy import actions as services
from secon.policy.models import ActionPlan
from secon.policy.plan_selectors import list_actions_readable_by

ENDS_AFTER_START = "The action does not end before it starts (start_month, as stored or sent)."


class ActionViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, ResourceViewSet):
    """Actions of the action plans the token's user may read (members of their project)."""

    resource = Resource.ACTIONS
    partner_path = "plan__partner"
    updated_field = "updated_at"
    serializer_class = ActionSerializer
    filters = {
        "plan": ("plan_id", int, "Only the actions of this plan (its id)."),
        "status": ("status", str, "Only the actions with this status."),
    }
    ordering = ("plan_id", "pk")
    http_method_names = ["get", "post", "patch", "head", "options"]

    def base_queryset(self):
        return list_actions_readable_by(user=self.request.user)

    def _reload(self, action):
        return self.get_queryset().get(pk=action.pk)

    def location(self, action) -> str:
        return reverse("api:action-detail", args=[action.pk])

    @extend_schema(
        request=ActionInput,
        responses={201: ActionSerializer},
        parameters=[IDEMPOTENCY],
        extensions=rules(end_month=ENDS_AFTER_START),
    )
    def create(self, request, *args, **kwargs):
        def perform(data):
            token = request.auth
            plans = ActionPlan.objects.filter(pk=data.pop("plan"))
            if token.project_id:
                plans = plans.filter(project_id=token.project_id)
            if token.partner_id:
                plans = plans.filter(partner_id=token.partner_id)
            plan = plans.first()
            if plan is None:
                raise ValidationError({"plan": _("There is no such action plan.")})
            practices = data.pop("practices", ())
            created = services.add_action(actor=request.user, plan=plan, practice_ids=practices, **data)
            return self._reload(created)

        return writing.write(
            self, request, input_serializer=ActionInput, perform=perform, location=self.location
        )

    @extend_schema(
        request=ActionUpdateInput,
        responses={200: ActionSerializer},
        parameters=[IDEMPOTENCY],
        extensions=rules(end_month=ENDS_AFTER_START),
    )
    def partial_update(self, request, *args, **kwargs):
        found = self.get_object()

        def perform(data):
            practices = data.pop("practices", None)
            changed = services.update_action(actor=request.user, action=found, practice_ids=practices, **data)
            return self._reload(changed)

        return writing.write(
            self, request, input_serializer=ActionUpdateInput, perform=perform, status=200, partial=True
        )

    @extend_schema(request=ProgressInput, responses={201: ActionSerializer}, parameters=[IDEMPOTENCY])
    @detail_action(detail=True, methods=["post"])
    def progress(self, request, *args, **kwargs):
        """Record how the action progresses and the status it has reached (a progress note)."""
        found = self.get_object()

        def perform(data):
            services.record_progress(
                actor=request.user,
                action=found,
                text=data["text"],
                status=data["status"],
                implemented_on=data.get("implemented_on"),
            )
            return self._reload(found)

        return writing.write(
            self, request, input_serializer=ProgressInput, perform=perform, location=self.location
        )
