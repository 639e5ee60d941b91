"""Documents attached to one language's version of an article: added and removed on its page."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from secon.communications import selectors
from secon.communications.forms.articles import AttachmentForm
from secon.communications.services import attachments as attachment_service
from secon.communications.views.common import _context, members_only
from secon.core.forms import submit
from secon.core.languages import language_name
from secon.core.permissions import require


def _version(project, pk: int, language: str):
    found = selectors.get_article_for_staff(project=project, pk=pk)
    version = next((item for item in found.versions.all() if item.language == language), None)
    if version is None:
        raise Http404("No text in this language yet")
    return found, version


@require_POST
@members_only
def add(request: HttpRequest, project, pk: int, language: str) -> HttpResponse:
    found, version = _version(project, pk, language)
    require(request.user, "communications.change_article", found)
    form = AttachmentForm(request.POST, request.FILES)
    return submit(
        request,
        form,
        lambda data: attachment_service.add_attachment(actor=request.user, version=version, **data),
        success_url=reverse(
            "communications:version", kwargs={"project": project.slug, "pk": found.pk, "language": language}
        ),
        message=_("The document is attached."),
        template="communications/manage/attachments.html",
        context=lambda: _context(
            request,
            project,
            article=found,
            version=version,
            language=language,
            language_label=language_name(language),
            attachments=selectors.list_attachments(version=version),
            attachment_form=form,
        ),
    )


@require_POST
@members_only
def remove(request: HttpRequest, project, pk: int, language: str, attachment: int) -> HttpResponse:
    found, version = _version(project, pk, language)
    documents = selectors.list_attachments(version=version)
    document = next((item for item in documents if item.pk == attachment), None)
    if document is None:
        raise Http404("No such document")
    require(request.user, "communications.change_article", found)
    attachment_service.remove_attachment(actor=request.user, attachment=document)
    messages.success(request, _("The document is removed."))
    return redirect("communications:version", project=project.slug, pk=found.pk, language=language)
