"""The documents of a version in templates: ``{% version_attachments version as attachments %}``."""

from django import template

from secon.communications import selectors
from secon.communications.forms.articles import AttachmentForm

register = template.Library()


@register.simple_tag
def version_attachments(version):
    return selectors.list_attachments(version=version)


@register.simple_tag
def new_attachment_form():
    """An empty form to attach a document (the version page shows it below the text)."""
    return AttachmentForm()
