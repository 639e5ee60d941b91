"""Turn partners into map markers (plain data, embedded as JSON for the page's small map script)."""

from django.utils.translation import gettext as _


def partner_markers(partners) -> list[dict]:
    """Return one marker per partner whose organisation has coordinates."""
    markers = []
    for partner in partners:
        organisation = partner.organisation
        if not organisation.has_location:
            continue
        markers.append(
            {
                "lat": float(organisation.latitude),
                "lon": float(organisation.longitude),
                "code": partner.code,
                "label": f"{partner.code} – {organisation.name}",
                "url": partner.get_absolute_url(),
                "link": _("Partner page"),
            }
        )
    return markers
