"""The partner side: the project's practices in every state, the form (with autosave), the workflow,
attachments and translation status. Open to the project's members (see ``practices/rules.py``)."""

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from secon.accounts.predicates import is_coordinator
from secon.core.confirm import confirmation_page, confirmed
from secon.core.forms import add_service_errors, submit
from secon.core.languages import CONTENT_LANGUAGES
from secon.core.permissions import require
from secon.organisations import selectors as organisation_selectors
from secon.practices.completeness import missing_sections
from secon.practices.enums import Status, TranslationStatus
from secon.practices.forms import DocumentForm, ImageForm, PracticeForm, TranslationStatusForm, WorkflowForm
from secon.practices.selectors.practices import get_practice_for_staff, list_practices_for_staff
from secon.practices.services import attachments, drafts, workflow
from secon.projects.views import project_view

#: Load the project named in the URL and let in its members only.
members_only = project_view("practices.view_goodpractice")


def _editing_languages(request, project, practice=None) -> list[str]:
    """Return the languages the form shows: the project's first, those with text, those asked for."""
    content = list(project.content_languages or ["en"])
    wanted = {content[0]}
    if practice is not None:
        wanted.update(practice.text_languages())
    asked = request.POST.getlist("languages") or request.GET.getlist("languages")
    wanted.update(code for code in asked if code in content)
    return [code for code in content if code in wanted]


def _partner_organisations(request, project):
    """Coordinators choose which partner documents a practice; editors document for their own."""
    if request.user.is_superuser or is_coordinator(request.user, project):
        return organisation_selectors.list_partner_organisations(project=project)
    return None


@require_safe
@members_only
def manage(request: HttpRequest, project) -> HttpResponse:
    """The project's practices in every state, for its members."""
    current = project
    status = request.GET.get("status", "")
    if status not in Status.values:
        status = ""
    practices = list(list_practices_for_staff(project=current, user=request.user, status=status or None))
    language = translation.get_language()
    rows = [
        {
            "practice": practice,
            "title": practice.texts("title").render(language, current.fallback_languages),
            "can_edit": request.user.has_perm("practices.change_goodpractice", practice),
        }
        for practice in practices
    ]
    context = {
        "project": current,
        "rows": rows,
        "status": status,
        "statuses": Status.choices,
        "can_add": request.user.has_perm("practices.add_goodpractice", current),
    }
    return render(request, "practices/manage.html", context)


@require_http_methods(["GET", "POST"])
@project_view("practices.add_goodpractice")
def create(request: HttpRequest, project) -> HttpResponse:
    """Start a new practice (saved as a draft, however incomplete)."""
    current = project
    organisations = _partner_organisations(request, current)
    form = PracticeForm(
        request.POST or None,
        project=current,
        organisations=organisations,
        languages=_editing_languages(request, current),
    )
    if request.POST.get("show_languages"):
        # The same input, shown in the languages chosen; nothing saved.
        return render(request, "practices/edit.html", {"project": current, "form": form, "practice": None})
    return submit(
        request,
        form,
        lambda data: drafts.create_practice(actor=request.user, project=current, **form.service_values()),
        success_url=lambda practice: _edit_url(current, practice.pk),
        message=_("The draft is saved."),
        template="practices/edit.html",
        context={"project": current, "form": form, "practice": None},
    )


def _edit_url(project, pk: int) -> str:
    return reverse("practices:edit", kwargs={"project": project.slug, "pk": pk})


def _edit_context(request, current, practice, **forms) -> dict:
    language = translation.get_language()
    actions = workflow.allowed_actions(user=request.user, practice=practice)
    context = {
        "project": current,
        "practice": practice,
        "title": practice.texts("title").render(language, current.fallback_languages),
        "can_edit": request.user.has_perm("practices.change_goodpractice", practice),
        "actions": actions,
        # The comment box is the reviewers' (the author reads their comments in the history).
        "reviews": any(action not in _AUTHOR_ACTIONS for action in actions),
        "steps": list(practice.steps.all()),
        "missing": missing_sections(practice)
        if practice.status in (Status.DRAFT, Status.INFO_REQUESTED)
        else {},
        "languages": [
            {
                "code": code,
                "name": name,
                "state": practice.translation_state(code),
                "state_label": TranslationStatus(practice.translation_state(code)).label,
            }
            for code, name in CONTENT_LANGUAGES
            if code in current.content_languages
        ],
        "translation_states": TranslationStatus,
        "workflow_form": forms.get("workflow_form") or WorkflowForm(project=current),
        "image_form": forms.get("image_form") or ImageForm(),
        "document_form": forms.get("document_form") or DocumentForm(),
    }
    context["form"] = forms.get("form") or PracticeForm(
        project=current,
        practice=practice,
        organisations=_partner_organisations(request, current),
        languages=_editing_languages(request, current, practice),
    )
    return context


@require_http_methods(["GET", "POST"])
@members_only
def edit(request: HttpRequest, project, pk: int) -> HttpResponse:
    """Edit a practice; "save draft" keeps incomplete input, "save and submit" checks completeness."""
    current = project
    practice = get_practice_for_staff(project=current, pk=pk, user=request.user)
    if request.method == "GET":
        return render(request, "practices/edit.html", _edit_context(request, current, practice))
    require(request.user, "practices.change_goodpractice", practice)
    form = PracticeForm(
        request.POST,
        project=current,
        practice=practice,
        organisations=_partner_organisations(request, current),
    )
    if request.headers.get("X-Autosave") == "1":
        return _autosave(request, form, practice)
    if request.POST.get("show_languages"):
        # The same input, shown in the languages chosen (none is lost); nothing saved yet.
        form = PracticeForm(
            request.POST,
            project=current,
            practice=practice,
            organisations=_partner_organisations(request, current),
            languages=_editing_languages(request, current, practice),
        )
        return render(request, "practices/edit.html", _edit_context(request, current, practice, form=form))
    submitting = bool(request.POST.get("submit"))

    def save(data):
        saved = drafts.update_practice(actor=request.user, practice=practice, **form.service_values())
        if submitting:
            workflow.submit_practice(actor=request.user, practice=saved)
        return saved

    return submit(
        request,
        form,
        save,
        success_url=lambda saved: _edit_url(current, saved.pk),
        message=_("The practice is submitted for review.") if submitting else _("The draft is saved."),
        template="practices/edit.html",
        context=lambda: _edit_context(
            request, current, get_practice_for_staff(project=current, pk=pk, user=request.user), form=form
        ),
        refusal_field=NON_FIELD_ERRORS,
    )


def _autosave(request: HttpRequest, form, practice) -> JsonResponse:
    """Save the draft in the background; answer in JSON (the page stays as it is)."""
    if form.is_valid():
        try:
            drafts.update_practice(actor=request.user, practice=practice, **form.service_values())
        except ValidationError as error:
            add_service_errors(form, error)
    if form.errors:
        fields = ", ".join(
            str(form.fields[name].label) if name in form.fields else _("the form") for name in form.errors
        )
        message = _("Not saved automatically: check %(fields)s, then save the draft.") % {"fields": fields}
        return JsonResponse({"saved": False, "message": message}, status=400)
    message = _("Draft saved automatically at %(time)s.") % {
        "time": date_format(timezone.localtime(), "TIME_FORMAT")
    }
    return JsonResponse({"saved": True, "message": message})


#: The author's own moves; every other action is a reviewer's, who may write to the author.
_AUTHOR_ACTIONS = ("submit", "resubmit")

_WORKFLOW = {
    "submit": workflow.submit_practice,
    "resubmit": workflow.submit_practice,
    "request_info": workflow.request_information,
    "approve": workflow.approve_practice,
    "decline": workflow.decline_practice,
    "count": workflow.count_practice,
    "select": workflow.select_practice,
}


@require_POST
@members_only
def transition(request: HttpRequest, project, pk: int) -> HttpResponse:
    """Move a practice one step through the workflow."""
    current = project
    practice = get_practice_for_staff(project=current, pk=pk, user=request.user)
    form = WorkflowForm(request.POST, project=current)
    if form.is_valid() and form.cleaned_data["action"] in _WORKFLOW:
        action = form.cleaned_data["action"]
        # Comments are the reviewers' word to the author; an author's submission carries none.
        kwargs = {"comment": "" if action in _AUTHOR_ACTIONS else form.cleaned_data["comment"]}
        if action == "count":
            kwargs["period"] = form.cleaned_data["period"]
        if action == "decline" and kwargs["comment"].strip() and not confirmed(request):
            # Asked once the reason is given (a missing reason is said on the form first).
            title = practice.texts("title").render(translation.get_language(), current.fallback_languages)
            return confirmation_page(
                request,
                title=_("Decline this practice?"),
                question=_("Do you really want to decline “%(title)s”?") % {"title": title},
                details=[
                    _("Declining is final: the practice cannot be submitted again."),
                    _("Its author receives an e-mail with your comment."),
                ],
                confirm_label=_("Yes, decline the practice"),
                back_url=reverse("practices:edit", args=[current.slug, practice.pk]),
                context={"project": current},
            )
        try:
            _WORKFLOW[action](actor=request.user, practice=practice, **kwargs)
        except ValidationError as error:
            if hasattr(error, "error_dict") and not set(error.error_dict) <= {"comment", "period"}:
                # Missing sections: show them on the form.
                form.add_error(None, _("The practice is not complete yet; see the sections marked below."))
                practice_form = PracticeForm(
                    project=current,
                    practice=practice,
                    languages=_editing_languages(request, current, practice),
                )
                context = _edit_context(request, current, practice, workflow_form=form, form=practice_form)
                context["missing"] = error.message_dict
                return render(request, "practices/edit.html", context, status=400)
            add_service_errors(form, error)
        else:
            moved = get_practice_for_staff(project=current, pk=pk, user=request.user)
            messages.success(
                request, _("Done: the practice is now “%(status)s”.") % {"status": moved.get_status_display()}
            )
            return redirect("practices:edit", project=current.slug, pk=pk)
    elif form.is_valid():
        form.add_error(None, _("Unknown action."))
    practice = get_practice_for_staff(project=current, pk=pk, user=request.user)
    return render(
        request,
        "practices/edit.html",
        _edit_context(request, current, practice, workflow_form=form),
        status=400,
    )


@require_POST
@members_only
def upload(request: HttpRequest, project, pk: int) -> HttpResponse:
    """Attach a picture or a document."""
    current = project
    practice = get_practice_for_staff(project=current, pk=pk, user=request.user)
    require(request.user, "practices.change_goodpractice", practice)
    if request.POST.get("kind") == "image":
        name, form = "image_form", ImageForm(request.POST, request.FILES)

        def save(data):
            return attachments.add_image(
                actor=request.user,
                practice=practice,
                file=data["image"],
                alt_text={translation.get_language(): data["alt_text"]},
                credit=data["credit"],
            )
    else:
        name, form = "document_form", DocumentForm(request.POST, request.FILES)

        def save(data):
            return attachments.add_document(
                actor=request.user, practice=practice, file=data["document"], title=data["title"]
            )

    return submit(
        request,
        form,
        save,
        success_url=_edit_url(current, pk),
        message=_("The file is attached."),
        template="practices/edit.html",
        context=lambda: _edit_context(
            request,
            current,
            get_practice_for_staff(project=current, pk=pk, user=request.user),
            **{name: form},
        ),
    )


@require_POST
@members_only
def translation_status(request: HttpRequest, project, pk: int) -> HttpResponse:
    """Mark one language's text as draft or reviewed."""
    current = project
    practice = get_practice_for_staff(project=current, pk=pk, user=request.user)
    form = TranslationStatusForm(request.POST)
    if form.is_valid():
        try:
            drafts.set_translation_status(
                actor=request.user,
                practice=practice,
                language=form.cleaned_data["language"],
                status=form.cleaned_data["status"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, _("Choose draft or reviewed."))
    return redirect("practices:edit", project=current.slug, pk=pk)
