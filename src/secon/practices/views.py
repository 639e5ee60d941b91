"""Pages of the good practice library: the public library and practice pages, the partner side."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from secon.accounts.predicates import is_coordinator
from secon.core.cache import cached_page
from secon.core.languages import CONTENT_LANGUAGE_CODES, CONTENT_LANGUAGES
from secon.events import selectors as event_selectors
from secon.organisations import selectors as organisation_selectors
from secon.practices import exporters, selectors, services
from secon.practices.enums import LIBRARY_SCOPE, Status, TransferStage, TranslationStatus
from secon.practices.forms import (
    DocumentForm,
    ImageForm,
    PracticeForm,
    TransferInterestForm,
    TransferStepForm,
    TranslationStatusForm,
    WorkflowForm,
)
from secon.practices.models import TEXT_SECTIONS
from secon.projects import selectors as project_selectors
from secon.projects.models import Project
from secon.projects.services import project_scope

FACET_LABELS = {
    "theme": gettext_lazy("Theme"),
    "country": gettext_lazy("Country"),
    "region": gettext_lazy("Region"),
    "organisation_type": gettext_lazy("Type of organisation"),
    "project": gettext_lazy("Project"),
    "status": gettext_lazy("Status"),
}


# --- public library --------------------------------------------------------------------------------


def _querystring(params: dict, **changes) -> str:
    merged = {key: value for key, value in {**params, **changes}.items() if value not in (None, "")}
    return "?" + urlencode(merged) if merged else "?"


def _library_context(request: HttpRequest, *, project: Project | None) -> dict:
    language = translation.get_language()
    query = request.GET.get("q", "")[:10_000]
    search_language = request.GET.get("lang", "")
    if search_language not in CONTENT_LANGUAGE_CODES:
        search_language = ""
    raw_filters = {name: request.GET.get(name, "") for name in selectors.FACETS}
    try:
        page = int(request.GET.get("page", "1"))
    except ValueError:
        page = 1
    results = selectors.search_practices(
        query=query,
        language=search_language or None,
        project=project,
        filters=raw_filters,
        page=page,
    )
    params = {"q": results.query.raw if results.query else "", "lang": search_language, **results.filters}
    facets = []
    for name in selectors.FACETS:
        if project is not None and name == "project":
            continue
        values = [
            {
                "label": value.label,
                "count": value.count,
                "selected": value.selected,
                "url": _querystring(params, **{name: "" if value.selected else value.value}, page=None),
            }
            for value in results.facets[name]
        ]
        if values:
            facets.append({"name": name, "label": FACET_LABELS[name], "values": values})
    rows = []
    for hit in results.hits:
        practice = hit.practice
        fallbacks = practice.project.fallback_languages
        title = practice.texts("title").render(language, fallbacks)
        rows.append(
            {
                "practice": practice,
                "title": title,
                "title_marked": hit.title_snippet if hit.language == title.language else [],
                "summary": practice.texts("summary").render(language, fallbacks),
                "snippet": hit.snippet,
                "snippet_language": hit.language,
            }
        )
    messages_by_code = {
        "no_words": _("Type at least one word to search; signs and operators alone cannot be searched."),
        "truncated": _("Your search was long; only its first words were used."),
        "broad": _(
            "More than %(count)s practices match, so the newest are shown first and the filters "
            "carry no counts. Add a word or a filter to rank them by relevance."
        )
        % {"count": f"{selectors.RANK_LIMIT:,}"},
    }
    pages = {
        "number": results.page,
        "count": results.pages,
        "previous": _querystring(params, page=results.page - 1) if results.has_previous else "",
        "next": _querystring(params, page=results.page + 1) if results.has_next else "",
    }
    return {
        "project": project,
        "content_fallbacks": project.fallback_languages if project else [],
        "results": results,
        "rows": rows,
        "facets": facets,
        "active_filters": [
            {"label": FACET_LABELS[name], "url": _querystring(params, **{name: ""}, page=None)}
            for name in results.filters
        ],
        "query": results.query.raw if query.strip() else "",
        "search_language": search_language,
        "search_languages": CONTENT_LANGUAGES,
        "message": messages_by_code.get(results.message, ""),
        "pages": pages,
        "filters": results.filters,
        "export_query": _querystring(params)[1:],
        "markers": exporters.practice_markers([row["practice"] for row in rows]),
    }


@require_safe
@cached_page(lambda request: [LIBRARY_SCOPE, "projects"])
def library(request: HttpRequest) -> HttpResponse:
    """The library across every project of the installation."""
    return render(request, "practices/library.html", _library_context(request, project=None))


@require_safe
@cached_page(lambda request, project: [LIBRARY_SCOPE, project_scope(project)])
def project_library(request: HttpRequest, project: str) -> HttpResponse:
    """One project's library."""
    current = project_selectors.get_public_project(slug=project)
    return render(request, "practices/library.html", _library_context(request, project=current))


def _detail_context(practice, *, language: str) -> dict:
    fallbacks = practice.project.fallback_languages
    sections = [
        (name, practice._meta.get_field(name).verbose_name, practice.texts(name).render(language, fallbacks))
        for name in TEXT_SECTIONS
        if name not in ("title", "summary")
    ]
    languages = [
        {
            "code": code,
            "name": name,
            "state": practice.translation_state(code),
            "state_label": TranslationStatus(practice.translation_state(code)).label,
        }
        for code, name in CONTENT_LANGUAGES
        if code in practice.project.content_languages
    ]
    return {
        "practice": practice,
        "project": practice.project,
        "content_fallbacks": fallbacks,
        "title": practice.texts("title").render(language, fallbacks),
        "summary": practice.texts("summary").render(language, fallbacks),
        "expert_opinion": practice.texts("expert_opinion").render(language, fallbacks),
        "sections": sections,
        "languages": languages,
        "steps": list(practice.steps.all()),
        "transfers": list(practice.transfers.all()),
    }


@require_safe
@cached_page(
    lambda request, project, pk: [LIBRARY_SCOPE, project_scope(project), services.practice_scope(project, pk)]
)
def detail(request: HttpRequest, project: str, pk: int) -> HttpResponse:
    """A published practice with every section of the form, its history and similar practices."""
    current = project_selectors.get_public_project(slug=project)
    practice = selectors.get_public_practice(project=current, pk=pk)
    context = _detail_context(practice, language=translation.get_language())
    similar = selectors.list_similar_practices(practice=practice)
    context["similar"] = [
        {
            "practice": other,
            "title": other.texts("title").render(
                translation.get_language(), other.project.fallback_languages
            ),
        }
        for other in similar
    ]
    context["markers"] = exporters.practice_markers([practice])
    context["event_sessions"] = event_selectors.list_practice_sessions(practice=practice)
    if request.user.is_authenticated:
        partners = selectors.list_transfer_partners(user=request.user, practice=practice)
        if partners:
            context["transfer_form"] = TransferInterestForm(partners=partners)
        context["step_forms"] = [
            (transfer, TransferStepForm(initial={"transfer": transfer.pk}))
            for transfer in context["transfers"]
            if request.user.has_perm("practices.add_transfer", transfer)
            and transfer.stage != TransferStage.IMPLEMENTED
        ]
    return render(request, "practices/detail.html", context)


@require_safe
def practice_pdf(request: HttpRequest, project: str, pk: int) -> HttpResponse:
    """One published practice as a PDF laid out like the programme's form."""
    current = project_selectors.get_public_project(slug=project)
    practice = selectors.get_public_practice(project=current, pk=pk)
    language = translation.get_language()
    pdf = exporters.practice_pdf(practice, language=language, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="good-practice-{practice.pk}-{language}.pdf"'
    return response


@require_safe
def practice_docx(request: HttpRequest, project: str, pk: int) -> HttpResponse:
    """One published practice as a Word document laid out like the programme's form."""
    current = project_selectors.get_public_project(slug=project)
    practice = selectors.get_public_practice(project=current, pk=pk)
    language = translation.get_language()
    content = exporters.practice_docx(
        practice, language=language, url=request.build_absolute_uri(practice.get_absolute_url())
    )
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    response["Content-Disposition"] = f'attachment; filename="good-practice-{practice.pk}-{language}.docx"'
    return response


@require_safe
def export(request: HttpRequest, fmt: str, project: str | None = None) -> HttpResponse:
    """The library (filters and search applied) as JSON or CSV."""
    if fmt not in ("json", "csv"):
        raise Http404("Unknown format")
    current = project_selectors.get_public_project(slug=project) if project else None
    practices = selectors.list_library_export(
        project=current,
        filters={name: request.GET.get(name, "") for name in selectors.FACETS},
        query=request.GET.get("q", "")[:10_000],
        language=request.GET.get("lang") or None,
    )
    name = f"good-practices-{current.slug if current else 'all'}"
    if fmt == "json":
        response = HttpResponse(exporters.library_json(practices), content_type="application/json")
    else:
        response = HttpResponse(exporters.library_csv(practices), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


# --- partner side ----------------------------------------------------------------------------------


def _login(request: HttpRequest) -> HttpResponse:
    login_url = settings.LOGIN_URL if settings.LOGIN_URL != "/accounts/login/" else reverse("admin:login")
    return redirect_to_login(request.get_full_path(), login_url)


def _member_project(request: HttpRequest, slug: str) -> Project:
    project = project_selectors.get_project(slug=slug)
    if not request.user.has_perm("practices.view_goodpractice", project):
        raise PermissionDenied
    return project


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
def manage(request: HttpRequest, project: str) -> HttpResponse:
    """The project's practices in every state, for its members."""
    if not request.user.is_authenticated:
        return _login(request)
    current = _member_project(request, project)
    status = request.GET.get("status", "")
    if status not in Status.values:
        status = ""
    practices = list(selectors.list_practices_for_staff(project=current, status=status or None))
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


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@require_http_methods(["GET", "POST"])
def create(request: HttpRequest, project: str) -> HttpResponse:
    """Start a new practice (saved as a draft, however incomplete)."""
    if not request.user.is_authenticated:
        return _login(request)
    current = _member_project(request, project)
    if not request.user.has_perm("practices.add_goodpractice", current):
        raise PermissionDenied
    organisations = _partner_organisations(request, current)
    form = PracticeForm(
        request.POST or None,
        project=current,
        organisations=organisations,
        languages=_editing_languages(request, current),
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                practice = services.create_practice(
                    actor=request.user, project=current, **form.service_values()
                )
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, _("The draft is saved."))
                return redirect("practices:edit", project=current.slug, pk=practice.pk)
        status = 400
    return render(
        request, "practices/edit.html", {"project": current, "form": form, "practice": None}, status=status
    )


def _edit_context(request, current, practice, **forms) -> dict:
    language = translation.get_language()
    context = {
        "project": current,
        "practice": practice,
        "title": practice.texts("title").render(language, current.fallback_languages),
        "can_edit": request.user.has_perm("practices.change_goodpractice", practice),
        "actions": services.allowed_actions(user=request.user, practice=practice),
        "steps": list(practice.steps.all()),
        "missing": services.missing_sections(practice)
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
    context["other_languages"] = [
        (code, name)
        for code, name in CONTENT_LANGUAGES
        if code in current.content_languages and code not in context["form"].languages
    ]
    return context


@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, project: str, pk: int) -> HttpResponse:
    """Edit a practice; "save draft" keeps incomplete input, "save and submit" checks completeness."""
    if not request.user.is_authenticated:
        return _login(request)
    current = _member_project(request, project)
    practice = selectors.get_practice_for_staff(project=current, pk=pk)
    if request.method == "GET":
        return render(request, "practices/edit.html", _edit_context(request, current, practice))
    if not request.user.has_perm("practices.change_goodpractice", practice):
        raise PermissionDenied
    form = PracticeForm(
        request.POST,
        project=current,
        practice=practice,
        organisations=_partner_organisations(request, current),
    )
    if request.headers.get("X-Autosave") == "1":
        return _autosave(request, form, practice)
    if form.is_valid():
        try:
            practice = services.update_practice(
                actor=request.user, practice=practice, **form.service_values()
            )
            if request.POST.get("submit"):
                services.submit_practice(
                    actor=request.user, practice=practice, comment=request.POST.get("comment", "")
                )
        except ValidationError as error:
            _apply_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            if request.POST.get("submit"):
                messages.success(request, _("The practice is submitted for review."))
            else:
                messages.success(request, _("The draft is saved."))
            return redirect("practices:edit", project=current.slug, pk=practice.pk)
    practice = selectors.get_practice_for_staff(project=current, pk=pk)
    return render(
        request, "practices/edit.html", _edit_context(request, current, practice, form=form), status=400
    )


def _autosave(request: HttpRequest, form, practice) -> JsonResponse:
    """Save the draft in the background; answer in JSON (the page stays as it is)."""
    if form.is_valid():
        try:
            services.update_practice(actor=request.user, practice=practice, **form.service_values())
        except ValidationError as error:
            _apply_errors(form, error)
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


_WORKFLOW = {
    "submit": services.submit_practice,
    "resubmit": services.submit_practice,
    "request_info": services.request_information,
    "approve": services.approve_practice,
    "decline": services.decline_practice,
    "count": services.count_practice,
    "select": services.select_practice,
}


@require_POST
def transition(request: HttpRequest, project: str, pk: int) -> HttpResponse:
    """Move a practice one step through the workflow."""
    if not request.user.is_authenticated:
        return _login(request)
    current = _member_project(request, project)
    practice = selectors.get_practice_for_staff(project=current, pk=pk)
    form = WorkflowForm(request.POST, project=current)
    if form.is_valid() and form.cleaned_data["action"] in _WORKFLOW:
        action = form.cleaned_data["action"]
        kwargs = {"comment": form.cleaned_data["comment"]}
        if action == "count":
            kwargs["period"] = form.cleaned_data["period"]
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
            _apply_errors(form, error)
        else:
            messages.success(
                request,
                _("Done: the practice is now “%(status)s”.")
                % {"status": selectors.get_practice_for_staff(project=current, pk=pk).get_status_display()},
            )
            return redirect("practices:edit", project=current.slug, pk=pk)
    elif form.is_valid():
        form.add_error(None, _("Unknown action."))
    practice = selectors.get_practice_for_staff(project=current, pk=pk)
    return render(
        request,
        "practices/edit.html",
        _edit_context(request, current, practice, workflow_form=form),
        status=400,
    )


@require_POST
def upload(request: HttpRequest, project: str, pk: int) -> HttpResponse:
    """Attach a picture or a document."""
    if not request.user.is_authenticated:
        return _login(request)
    current = _member_project(request, project)
    practice = selectors.get_practice_for_staff(project=current, pk=pk)
    if not request.user.has_perm("practices.change_goodpractice", practice):
        raise PermissionDenied
    kind = request.POST.get("kind")
    forms = {}
    if kind == "image":
        form = ImageForm(request.POST, request.FILES)
        forms["image_form"] = form
        if form.is_valid():
            try:
                services.add_image(
                    actor=request.user,
                    practice=practice,
                    file=form.cleaned_data["image"],
                    alt_text={translation.get_language(): form.cleaned_data["alt_text"]},
                    credit=form.cleaned_data["credit"],
                )
            except ValidationError as error:
                _apply_errors(form, error)
    else:
        form = DocumentForm(request.POST, request.FILES)
        forms["document_form"] = form
        if form.is_valid():
            try:
                services.add_document(
                    actor=request.user,
                    practice=practice,
                    file=form.cleaned_data["document"],
                    title=form.cleaned_data["title"],
                )
            except ValidationError as error:
                _apply_errors(form, error)
    if form.is_valid() and not form.errors:
        messages.success(request, _("The file is attached."))
        return redirect("practices:edit", project=current.slug, pk=pk)
    practice = selectors.get_practice_for_staff(project=current, pk=pk)
    return render(
        request, "practices/edit.html", _edit_context(request, current, practice, **forms), status=400
    )


@require_POST
def translation_status(request: HttpRequest, project: str, pk: int) -> HttpResponse:
    """Mark one language's text as draft or reviewed."""
    if not request.user.is_authenticated:
        return _login(request)
    current = _member_project(request, project)
    practice = selectors.get_practice_for_staff(project=current, pk=pk)
    form = TranslationStatusForm(request.POST)
    if form.is_valid():
        try:
            services.set_translation_status(
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


@require_POST
def record_transfer(request: HttpRequest, project: str, pk: int) -> HttpResponse:
    """Record a partner's interest in a published practice, or the next stage of its transfer."""
    if not request.user.is_authenticated:
        return _login(request)
    current = project_selectors.get_public_project(slug=project)
    practice = selectors.get_public_practice(project=current, pk=pk)
    if "transfer" in request.POST:
        form = TransferStepForm(request.POST)
        if form.is_valid():
            transfer = selectors.get_transfer(practice=practice, pk=form.cleaned_data["transfer"])
            try:
                services.record_transfer_step(
                    actor=request.user,
                    transfer=transfer,
                    stage=form.cleaned_data["stage"],
                    date=form.cleaned_data["date"],
                    evidence=form.cleaned_data["evidence"],
                    evidence_url=form.cleaned_data["evidence_url"],
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
        else:
            messages.error(request, _("Give the stage and its date."))
    else:
        partners = selectors.list_transfer_partners(user=request.user, practice=practice)
        form = TransferInterestForm(request.POST, partners=partners)
        if form.is_valid():
            try:
                services.record_transfer_interest(
                    actor=request.user,
                    practice=practice,
                    partner=form.cleaned_data["partner"],
                    date=form.cleaned_data["date"],
                    evidence=form.cleaned_data["evidence"],
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
        else:
            messages.error(request, _("Choose the partner and the date."))
    return redirect(practice.get_absolute_url() + "#transfers")
