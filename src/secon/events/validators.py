import functools
import zoneinfo

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from secon.core.languages import CONTENT_LANGUAGE_CODES
from secon.core.validators import year_in_range

#: The longest event: a meeting, a seminar, a summer school (longer ones are several events).
MAX_EVENT_DAYS = 31


def event_dates_supported(start_date, end_date) -> bool:
    """Tell whether an event's days can be shown: in the supported years, at most a month long.

    Rows written before the bounds existed may break them; pages treat such an event as not public.
    """
    return (
        year_in_range(start_date)
        and year_in_range(end_date)
        and 0 <= (end_date - start_date).days < MAX_EVENT_DAYS
    )


@functools.cache
def time_zone_names() -> frozenset[str]:
    """Return the IANA time zone names (read once: listing them scans the zone files)."""
    return frozenset(zoneinfo.available_timezones())


@functools.cache
def _time_zones_by_folded_name() -> dict[str, str]:
    return {name.casefold(): name for name in time_zone_names()}


def canonical_time_zone(value: str) -> str | None:
    """Return the IANA name a visitor meant (``europe/madrid`` → ``Europe/Madrid``), or None."""
    return _time_zones_by_folded_name().get(value.strip().casefold()) if len(value) <= 64 else None


def validate_time_zone(value: str) -> None:
    """Accept an IANA time zone name such as ``Europe/Madrid``."""
    if value not in time_zone_names():
        raise ValidationError(
            _("“%(value)s” is not a known time zone (use a name such as Europe/Madrid)."),
            code="time_zone",
            params={"value": value},
        )


def validate_language_list(value) -> None:
    """Accept a list of content-language codes."""
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise ValidationError(_("Expected a list of language codes."), code="invalid")
    unknown = [code for code in value if code not in CONTENT_LANGUAGE_CODES]
    if unknown:
        raise ValidationError(
            _("Unknown language: %(codes)s."), code="language", params={"codes": ", ".join(unknown)}
        )


#: Allowed session materials: extension → the bytes such a file starts with.
MATERIAL_SIGNATURES = {
    "pdf": (b"%PDF-",),
    "pptx": (b"PK\x03\x04",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "odp": (b"PK\x03\x04",),
    "odt": (b"PK\x03\x04",),
    "ods": (b"PK\x03\x04",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
}
MATERIAL_MAX_BYTES = 20 * 1024 * 1024


def validate_material(upload) -> None:
    """Accept presentations, documents and images up to 20 MB whose content matches their type."""
    name = getattr(upload, "name", "") or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in MATERIAL_SIGNATURES:
        raise ValidationError(
            _("Upload a PDF, an office document (pptx, docx, xlsx, odp, odt, ods) or an image (png, jpg)."),
            code="file_type",
        )
    if upload.size > MATERIAL_MAX_BYTES:
        raise ValidationError(
            _("The file is %(size)d MB; at most %(max)d MB are allowed."),
            code="file_size",
            params={"size": upload.size // (1024 * 1024), "max": MATERIAL_MAX_BYTES // (1024 * 1024)},
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(16)
    upload.seek(position)
    if not head.startswith(MATERIAL_SIGNATURES[extension]):
        raise ValidationError(
            _("The file's content does not match its type (.%(extension)s)."),
            code="file_content",
            params={"extension": extension},
        )
