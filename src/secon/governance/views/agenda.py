"""Edit a meeting's agenda: add, change, move and remove items; attach and replace papers."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from secon.core.forms import submit
from secon.governance import selectors
from secon.governance.forms.meeting import ItemForm, PaperForm
from secon.governance.services import agenda as service
from secon.governance.views import committee_view, context
from secon.governance.views.meetings import _meeting_url, _render_detail, _to_meeting


def _partners(committee):
    return committee.project.partners.select_related("organisation").order_by("number")


def _earlier(committee, meeting):
    """The meetings before this one, whose minutes an item may approve."""
    return committee.meetings.filter(number__lt=meeting.number).order_by("-number")


@require_http_methods(["GET", "HEAD", "POST"])
@committee_view("governance.manage_committee")
def item_add(request: HttpRequest, committee, number: int) -> HttpResponse:
    meeting = selectors.get_meeting(committee=committee, number=number)
    parents = [item for item in selectors.flat_agenda(meeting=meeting) if item.parent_id is None]
    form = ItemForm(
        request.POST if request.method == "POST" else None,
        initial={"parent": request.GET.get("parent", "")},
        project=committee.project,
        partners=_partners(committee),
        parents=parents,
        earlier=_earlier(committee, meeting),
    )
    return submit(
        request,
        form,
        lambda data: service.add_item(
            actor=request.user,
            meeting=meeting,
            parent=next((item for item in parents if item.pk == data["parent"]), None),
            **form.service_values(),
        ),
        success_url=_meeting_url(meeting),
        message=_("The item is on the agenda."),
        template="governance/item_form.html",
        context=lambda: context(committee, request, form=form, meeting=meeting),
    )


@require_http_methods(["GET", "HEAD", "POST"])
@committee_view("governance.manage_committee")
def item_edit(request: HttpRequest, committee, number: int, item: int) -> HttpResponse:
    meeting = selectors.get_meeting(committee=committee, number=number)
    found = selectors.get_item(meeting=meeting, pk=item)
    action = request.POST.get("action", "save") if request.method == "POST" else None
    if action in ("up", "down", "delete"):
        try:
            if action == "delete":
                service.delete_item(actor=request.user, item=found)
                messages.success(request, _("The item is removed from the agenda."))
            else:
                service.move_item(actor=request.user, item=found, direction=-1 if action == "up" else 1)
        except ValidationError as error:
            return _render_detail(request, committee, meeting, error=" ".join(error.messages), status=400)
        return _to_meeting(meeting)
    form = ItemForm(
        request.POST if action == "save" else None,
        initial=ItemForm.initial_for(found),
        project=committee.project,
        partners=_partners(committee),
        earlier=_earlier(committee, meeting),
    )
    return submit(
        request,
        form,
        lambda data: service.update_item(actor=request.user, item=found, **form.service_values()),
        success_url=_meeting_url(meeting),
        message=_("The item is saved."),
        template="governance/item_form.html",
        context=lambda: context(committee, request, form=form, meeting=meeting, item=found),
    )


@require_http_methods(["GET", "HEAD", "POST"])
@committee_view("governance.manage_committee")
def paper_add(request: HttpRequest, committee, number: int, item: int) -> HttpResponse:
    meeting = selectors.get_meeting(committee=committee, number=number)
    found = selectors.get_item(meeting=meeting, pk=item)
    form = PaperForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    return submit(
        request,
        form,
        lambda data: service.add_paper(actor=request.user, item=found, **data),
        success_url=_meeting_url(meeting),
        message=_("The paper is attached."),
        template="governance/paper_form.html",
        context=lambda: context(committee, request, form=form, meeting=meeting, item=found),
    )


@require_http_methods(["GET", "HEAD", "POST"])
@committee_view("governance.manage_committee")
def paper_replace(request: HttpRequest, committee, number: int, paper: int) -> HttpResponse:
    """Upload a new file for a paper (after the notice: a new version, marked as updated)."""
    meeting = selectors.get_meeting(committee=committee, number=number)
    found = selectors.get_paper(committee=committee, pk=paper)
    if found.item.meeting_id != meeting.pk:
        raise Http404
    form = PaperForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        initial={"title": found.title, "is_public": found.is_public},
    )
    return submit(
        request,
        form,
        lambda data: service.replace_paper(actor=request.user, paper=found, **data),
        success_url=_meeting_url(meeting),
        message=_("The paper is replaced."),
        template="governance/paper_form.html",
        context=lambda: context(committee, request, form=form, meeting=meeting, item=found.item, paper=found),
    )
