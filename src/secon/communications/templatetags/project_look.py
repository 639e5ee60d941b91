"""The project's own look in templates: ``{% project_look project as look %}`` (one query)."""

from django import template

from secon.communications import selectors

register = template.Library()


@register.simple_tag
def project_look(project):
    """Return the project's look (SECON Hub's own colours when it has set none), read once per page."""
    if not hasattr(project, "_look"):
        project._look = selectors.get_look(project=project)
    return project._look
