"""The register of decisions: for the committee (all, with exports) and for the public (what it published)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from secon.core.forms import add_service_errors, submit
from secon.core.http import download
from secon.governance import exporters, selectors
from secon.governance.enums import DecisionStatus
from secon.governance.forms.decisions import DecisionForm, RevokeForm, SupersedeForm
from secon.governance.services import decisions as service
from secon.governance.views import committee_view, context, error_text, requested_language
from secon.projects import selectors as project_selectors


@require_http_methods(["GET", "HEAD"])
@committee_view()
def register(request: HttpRequest, committee) -> HttpResponse:
    status = request.GET.get("status", "")
    status = status if status in DecisionStatus.values else ""
    values = {
        "decisions": selectors.list_decisions(committee=committee, status=status),
        "status": status,
        "statuses": DecisionStatus.choices,
    }
    return render(request, "governance/decisions.html", context(committee, request, **values))


@require_http_methods(["GET", "HEAD"])
@committee_view()
def export(request: HttpRequest, committee, kind: str) -> HttpResponse:
    """The register as CSV, XLSX or PDF, in the page's language (or ``?language=``)."""
    found = selectors.list_decisions(committee=committee)
    language = requested_language(request)
    fallbacks = committee.project.fallback_languages
    name = f"{committee.project.slug}-{committee.slug}-decisions"
    if kind == "csv":
        body = exporters.decisions_csv(found, language=language, fallbacks=fallbacks)
        content_type = "text/csv; charset=utf-8"
    elif kind == "xlsx":
        body = exporters.decisions_xlsx(
            found, language=language, fallbacks=fallbacks, title=str(committee.name)
        )
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body = exporters.decisions_pdf(found, committee=committee, language=language, fallbacks=fallbacks)
        content_type, kind = "application/pdf", "pdf"
    return download(body, content_type=content_type, filename=f"{name}-{language}.{kind}")


@require_http_methods(["GET", "HEAD", "POST"])
@committee_view()
def detail(request: HttpRequest, committee, number: str) -> HttpResponse:
    decision = selectors.get_decision(committee=committee, number=number)
    may_manage = request.user.has_perm("governance.manage_committee", committee)
    others = [
        d
        for d in selectors.list_decisions(committee=committee, status=DecisionStatus.IN_FORCE)
        if d.pk != decision.pk
    ]
    action = request.POST.get("action") if request.method == "POST" and may_manage else None
    supersede_form = SupersedeForm(request.POST if action == "supersede" else None, decisions=others)
    revoke_form = RevokeForm(request.POST if action == "revoke" else None)
    status = 200
    if request.method == "POST":
        if not may_manage:
            status = 403
        else:
            try:
                if action == "supersede" and supersede_form.is_valid():
                    by = next(d for d in others if d.number == supersede_form.cleaned_data["by"])
                    service.supersede_decision(
                        actor=request.user, decision=decision, by=by, note=supersede_form.cleaned_data["note"]
                    )
                elif action == "revoke" and revoke_form.is_valid():
                    service.revoke_decision(
                        actor=request.user, decision=decision, note=revoke_form.cleaned_data["note"]
                    )
                elif action in ("publish", "unpublish"):
                    service.set_decision_public(
                        actor=request.user, decision=decision, is_public=action == "publish"
                    )
                else:
                    raise ValidationError(_("Check the form below."))
            except ValidationError as error:
                add_service_errors(supersede_form if action == "supersede" else revoke_form, error)
                messages.error(request, error_text(error))
                status = 400
            else:
                messages.success(request, _("The register is updated."))
                return redirect(
                    "governance:decision",
                    project=committee.project.slug,
                    committee=committee.slug,
                    number=decision.number,
                )
    values = {"decision": decision, "supersede_form": supersede_form, "revoke_form": revoke_form}
    return render(request, "governance/decision.html", context(committee, request, **values), status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@committee_view("governance.run_meeting")
def record(request: HttpRequest, committee, number: int) -> HttpResponse:
    """Record a decision of the meeting (from a vote that passed, or by consensus)."""
    meeting = selectors.get_meeting(committee=committee, number=number)
    passed = [v for v in selectors.list_votes(meeting=meeting) if v.result.get("passed")]
    taken = {d.vote_id for d in selectors.list_decisions(committee=committee) if d.vote_id}
    passed = [v for v in passed if v.pk not in taken]
    agenda = selectors.flat_agenda(meeting=meeting)
    form = DecisionForm(
        request.POST if request.method == "POST" else None,
        initial={"vote": request.GET.get("vote", ""), "item": request.GET.get("item", "")},
        project=committee.project,
        votes=passed,
        items=agenda,
    )
    return submit(
        request,
        form,
        lambda data: service.record_decision(
            actor=request.user,
            meeting=meeting,
            title=data["title"],
            text=data["text"],
            vote=next((v for v in passed if v.pk == data["vote"]), None),
            item=next((i for i in agenda if i.pk == data["item"]), None),
            is_public=data["is_public"],
        ),
        success_url=reverse(
            "governance:run",
            kwargs={"project": committee.project.slug, "committee": committee.slug, "number": meeting.number},
        ),
        message=lambda decision: _("Decision %(number)s is in the register.") % {"number": decision.number},
        template="governance/decision_form.html",
        context=lambda: context(committee, request, form=form, meeting=meeting),
    )


@require_http_methods(["GET", "HEAD"])
def public_register(request: HttpRequest, project: str, committee: str) -> HttpResponse:
    """The decisions the committee published, for everybody."""
    current = project_selectors.get_public_project(slug=project, with_schedule=False)
    found = selectors.get_committee(project=current, slug=committee)
    values = {
        "project": current,
        "committee": found,
        "content_fallbacks": current.fallback_languages,
        "decisions": selectors.list_decisions(committee=found, public_only=True),
    }
    return render(request, "governance/public_decisions.html", values)
