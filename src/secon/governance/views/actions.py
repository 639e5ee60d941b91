"""Action items: the committee's list with the overdue ones per partner; assign one; update its status."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from secon.core.forms import submit
from secon.governance import selectors
from secon.governance.enums import ActionStatus
from secon.governance.forms.actions import ActionForm
from secon.governance.services import actions as service
from secon.governance.views import committee_view, context, error_text


def _form(request, committee, bound: bool):
    project = committee.project
    return ActionForm(
        request.POST if bound else None,
        partners=project.partners.select_related("organisation").order_by("number"),
        users=selectors.project_members(project=project),
        decisions=selectors.list_decisions(committee=committee, status="in_force"),
    )


def _page(request, committee, form, status=200) -> HttpResponse:
    return render(request, "governance/actions.html", _values(request, committee, form), status=status)


def _values(request, committee, form) -> dict:
    show = request.GET.get("status", "pending")
    show = show if show in ("pending", "", *ActionStatus.values) else "pending"
    found = selectors.list_actions(committee=committee, status=show)
    values = {
        "actions": found,
        "overdue": selectors.overdue_by_partner(found),
        "show": show,
        "statuses": ActionStatus.choices,
        "form": form,
        "may_run": request.user.has_perm("governance.run_meeting", committee),
    }
    return context(committee, request, **values)


@require_http_methods(["GET", "HEAD", "POST"])
@committee_view(write="governance.run_meeting")
def index(request: HttpRequest, committee) -> HttpResponse:
    form = _form(request, committee, bound=request.method == "POST")

    def assign(data):
        decision = None
        if data["decision"]:
            decision = selectors.get_decision(committee=committee, number=data["decision"])
        return service.create_action(
            actor=request.user,
            committee=committee,
            what=data["what"],
            due_on=data["due_on"],
            owner_user=data["owner_user"],
            owner_partner=data["owner_partner"],
            decision=decision,
        )

    return submit(
        request,
        form,
        assign,
        success_url=reverse(
            "governance:actions", kwargs={"project": committee.project.slug, "committee": committee.slug}
        ),
        message=_("The action is assigned; its owner will be reminded."),
        template="governance/actions.html",
        context=lambda: _values(request, committee, form),
    )


@require_POST
@committee_view()
def update(request: HttpRequest, committee, action: int) -> HttpResponse:
    """The owner (or the secretary) marks an action in progress, done or cancelled."""
    found = selectors.get_action(committee=committee, pk=action)
    try:
        service.update_action(actor=request.user, action=found, status=request.POST.get("status", ""))
    except ValidationError as error:
        messages.error(request, error_text(error))
        return _page(request, committee, _form(request, committee, bound=False), status=400)
    except PermissionDenied as error:
        messages.error(request, str(error))
        return _page(request, committee, _form(request, committee, bound=False), status=403)
    messages.success(request, _("The action is updated."))
    return redirect("governance:actions", project=committee.project.slug, committee=committee.slug)
