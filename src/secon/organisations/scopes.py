"""Page-cache scopes of the organisation pages, and which records belong to them.

A person and their consents appear on event pages: :mod:`secon.events.scopes` declares them.
"""

from secon.core import cache
from secon.organisations.models import DataExport, Organisation, Partner, Region
from secon.organisations.notices import PrivacyNotice, PrivacyNoticeVersion
from secon.projects.scopes import PROJECTS_SCOPE, project_scope
from secon.projects.tenancy import scopes_disabled


def organisation_scope(slug: str) -> str:
    """Name the page-cache scope of an organisation's page."""
    return f"organisation:{slug}"


@cache.record_scopes(Organisation)
def _organisation(organisation: Organisation) -> list[str]:
    # The pages of every project it is a partner in show it too, whichever project's page changed it.
    projects = []
    if organisation.pk:
        with scopes_disabled():
            projects = list(organisation.partnerships.values_list("project__slug", flat=True))
    return [organisation_scope(organisation.slug), *(project_scope(slug) for slug in projects)]


@cache.record_scopes(Partner, counted_in=lambda partner: [PROJECTS_SCOPE])  # it counts the partners
def _partner(partner: Partner) -> list[str]:
    return [project_scope(partner.project.slug), organisation_scope(partner.organisation.slug)]


@cache.record_scopes(Region)
def _region(region: Region) -> list[str]:
    with scopes_disabled():  # the region's partners in every project
        projects = list(Partner.objects.filter(regions=region).values_list("project__slug", flat=True))
    organisations = Organisation.objects.filter(region=region).values_list("slug", flat=True)
    return [
        *(project_scope(slug) for slug in projects),
        *(organisation_scope(slug) for slug in organisations),
    ]


cache.not_on_cached_pages(DataExport, reason="a person's own download, behind a personal link")
cache.not_on_cached_pages(PrivacyNotice, reason="the draft is shown only on the coordinators' editor")


def notice_scope(project_slug: str) -> str:
    """Name the page-cache scope of the forms that link to the project's current privacy notice."""
    return f"privacy-notice:{project_slug}"


@cache.record_scopes(PrivacyNoticeVersion)
def _notice_version(version: PrivacyNoticeVersion) -> list[str]:
    # The privacy pages are not cached; the registration form (cached per visitor's language) is.
    return [notice_scope(version.project.slug)]
