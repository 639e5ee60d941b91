"""Fields every resource shares: texts per language, and relations a client may ``?expand=``."""

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import build_array_type, build_basic_type
from drf_spectacular.types import OpenApiTypes
from rest_framework import serializers
from rest_framework.fields import Field, SkipField
from rest_framework.relations import PKOnlyObject

from secon.core.i18n import Translations
from secon.core.validators import FIRST_YEAR, LAST_YEAR, DateInRange

_UNSET = object()


class QuickRows:
    """A serializer mixin: the same representation as DRF's, with its per-row overhead cut.

    DRF's ``to_representation`` walks the readable fields (a generator over an ordered dict), asks each
    for its attribute through its ``source_attrs`` and checks for callables, for every row: at 200
    practices a page that is half of the serialization. Here the plan (name, attribute, field) is made
    once per serializer (a list's child serves every row) and a plain field's attribute is read with
    ``getattr``; fields with their own ``get_attribute`` (relations, expandable ones) keep theirs.
    """

    def _plan(self) -> list[tuple]:
        plan = self.__dict__.get("_quick_plan")
        if plan is None:
            plan = []
            for field in self._readable_fields:
                plain = type(field).get_attribute is Field.get_attribute and len(field.source_attrs) == 1
                plan.append((field.field_name, field.source_attrs[0] if plain else None, field))
            self._quick_plan = plan
        return plan

    def to_representation(self, instance):
        row = {}
        for name, attribute, field in self._plan():
            if attribute is not None:
                value = getattr(instance, attribute)
                if callable(value):
                    value = value()
            else:
                try:
                    value = field.get_attribute(instance)
                except SkipField:
                    continue
            if value is None or (isinstance(value, PKOnlyObject) and value.pk is None):
                row[name] = None
            else:
                row[name] = field.to_representation(value)
        return row


class TranslatedText(serializers.Field):
    """A text in several languages: ``{"en": …, "de": …}``, or one string with ``?lang=``.

    With ``?lang=xx`` the text is the one in that language, else in the project's fallback order
    (then English, then any), as the pages show it; an empty string when there is none.
    """

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        texts = value if isinstance(value, Translations) else Translations(value or {})
        # The field serves every row of a page: its language is looked up once (``context`` walks
        # up to the root serializer at each call).
        language = self.__dict__.get("_lang", _UNSET)
        if language is _UNSET:
            language = self._lang = self.context.get("lang")
        if language:
            return texts.render(language).text
        return {code: text for code, text in texts.items() if text}


class Expandable(serializers.Field):
    """A related record: its key, or the record itself when the client asks ``?expand=<name>``."""

    def __init__(self, serializer_class, *, key: str = "pk", many: bool = False, **kwargs):
        kwargs["read_only"] = True
        self.serializer_class = serializer_class
        self.key = key
        self.many = many
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        value = super().get_attribute(instance)
        return list(value.all()) if self.many and value is not None else value

    def to_representation(self, value):
        if self.field_name in self.context.get("expand", ()):
            # One serializer for every row of the page: building a ModelSerializer's fields costs
            # more than serializing a record.
            nested = self.__dict__.get("_nested")
            if nested is None:
                nested = self._nested = self.serializer_class(many=self.many, context=self.context)
            return nested.to_representation(value)
        if self.many:
            return [getattr(item, self.key) for item in value]
        return getattr(value, self.key)


class TranslatedTextExtension(OpenApiSerializerFieldExtension):
    target_class = TranslatedText
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction):
        return {
            "oneOf": [
                {"type": "object", "additionalProperties": {"type": "string"}},
                {"type": "string"},
            ],
            "description": "Texts per language code; one string when the request gives ?lang=.",
        }


class ExpandableExtension(OpenApiSerializerFieldExtension):
    target_class = Expandable

    def map_serializer_field(self, auto_schema, direction):
        field = self.target
        component = auto_schema.resolve_serializer(field.serializer_class, direction)
        key = build_basic_type(OpenApiTypes.STR if field.key != "pk" else OpenApiTypes.INT)
        one = {"oneOf": [key, component.ref]}
        schema = build_array_type(one) if field.many else one
        if field.allow_null:
            schema["nullable"] = True
        schema["description"] = f"Its key; the record itself with ?expand={field.field_name}."
        return schema


class Accepted(serializers.BooleanField):
    """A consent the request has to give: the schema says ``true``; the service refuses ``false``
    on the consent's own field (as the pages do)."""


class AcceptedExtension(OpenApiSerializerFieldExtension):
    target_class = Accepted

    def map_serializer_field(self, auto_schema, direction):
        return {"type": "boolean", "enum": [True]}


def _years_pattern(first_year: int, last_year: int) -> str:
    """A pattern of ISO dates in the years ``first_year``–``last_year`` (whole centuries)."""
    assert first_year % 100 == 0 and last_year % 100 == 0
    centuries = [f"{century}[0-9]{{2}}" for century in range(first_year // 100, last_year // 100)]
    return "^(" + "|".join([*centuries, str(last_year)]) + ")-"


class DateInYears(serializers.DateField):
    """A date in the years the services accept (``core.validators.DateInRange``), as the schema says."""

    def __init__(self, *, first_year: int = FIRST_YEAR, last_year: int = LAST_YEAR, **kwargs):
        self.first_year, self.last_year = first_year, last_year
        super().__init__(validators=[DateInRange(first_year=first_year, last_year=last_year)], **kwargs)


class DateInYearsExtension(OpenApiSerializerFieldExtension):
    target_class = DateInYears

    def map_serializer_field(self, auto_schema, direction):
        field = self.target
        return {
            "type": "string",
            "format": "date",
            "pattern": _years_pattern(field.first_year, field.last_year),
            "description": f"A date in the years {field.first_year}–{field.last_year}.",
        }


class DecimalInRange(serializers.DecimalField):
    """A decimal whose bounds the schema says too, by a ``pattern`` of the accepted texts (a decimal
    travels as a string, which ``minimum`` and ``maximum`` do not bound)."""

    def __init__(self, *, pattern: str, **kwargs):
        self.pattern = pattern
        super().__init__(**kwargs)


class DecimalInRangeExtension(OpenApiSerializerFieldExtension):
    target_class = DecimalInRange

    def map_serializer_field(self, auto_schema, direction):
        schema = auto_schema._map_serializer_field(self.target, direction, bypass_extensions=True)
        return {**schema, "pattern": self.target.pattern}


#: Euros and cents from 0 to 1,000,000,000 (``policy.validators.MAX_COST``); degrees of latitude and
#: longitude (at most six decimals).
AMOUNT = r"^(1000000000(\.0{0,2})?|\d{1,9}(\.\d{0,2})?|\.\d{1,2})$"
LATITUDE = r"^-?(90(\.0{1,6})?|[1-8]?\d(\.\d{1,6})?)$"
LONGITUDE = r"^-?(180(\.0{1,6})?|(1[0-7]\d|[1-9]?\d)(\.\d{1,6})?)$"


#: The web addresses Django's URLValidator accepts, as far as a pattern of the schema says them: an
#: http(s) or ftp(s) address with a host name, a top-level domain and maybe a port (or empty).
WEB_ADDRESS = (
    r"^(|([Hh][Tt][Tt][Pp][Ss]?|[Ff][Tt][Pp][Ss]?)://"
    r"([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}(:[0-9]{1,5})?([/?#][^\s\u0000]*)?)$"
)


class WebAddress(serializers.URLField):
    """A web address (or nothing), with the pattern of what is accepted in the schema."""


class WebAddressExtension(OpenApiSerializerFieldExtension):
    target_class = WebAddress

    def map_serializer_field(self, auto_schema, direction):
        return {"type": "string", "maxLength": self.target.max_length, "pattern": WEB_ADDRESS}
