from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationType(models.TextChoices):
    # Social-economy entities
    COOPERATIVE = "cooperative", _("cooperative")
    WORK_INTEGRATION = "work_integration", _("work-integration social enterprise")
    SPECIAL_EMPLOYMENT_CENTRE = "special_employment_centre", _("special employment centre")
    ASSOCIATION = "association", _("association")
    FOUNDATION = "foundation", _("foundation")
    MUTUAL = "mutual", _("mutual society")
    OTHER_SOCIAL_ENTERPRISE = "other_social_enterprise", _("other social enterprise")
    # Actors around the social economy
    PUBLIC_AUTHORITY = "public_authority", _("public authority")
    AGENCY = "agency", _("agency")
    UNIVERSITY = "university", _("university or research centre")
    NGO = "ngo", _("non-governmental organisation")
    COMPANY = "company", _("company")
    OTHER = "other", _("other")


SOCIAL_ECONOMY_TYPES = frozenset(
    {
        OrganisationType.COOPERATIVE,
        OrganisationType.WORK_INTEGRATION,
        OrganisationType.SPECIAL_EMPLOYMENT_CENTRE,
        OrganisationType.ASSOCIATION,
        OrganisationType.FOUNDATION,
        OrganisationType.MUTUAL,
        OrganisationType.OTHER_SOCIAL_ENTERPRISE,
    }
)


class PartnerRole(models.TextChoices):
    LEAD = "lead", _("lead partner")
    PARTNER = "partner", _("project partner")
    ADVISORY = "advisory", _("advisory partner")


class ConsentKind(models.TextChoices):
    TERMS = "terms", _("terms of participation")
    PHOTOS = "photos", _("photos and recordings")
    SHARE_CONTACT = "share_contact", _("sharing contact details with partners")
    PUBLIC_LIST = "public_list", _("appearing on a public attendee list")
    NEWSLETTER = "newsletter", _("newsletter")


class NutsVersion(models.IntegerChoices):
    NUTS_2021 = 2021, "NUTS 2021"
    NUTS_2024 = 2024, "NUTS 2024"
