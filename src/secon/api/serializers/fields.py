"""Fields every resource shares: texts per language, and relations a client may ``?expand=``."""

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import build_array_type, build_basic_type
from drf_spectacular.types import OpenApiTypes
from rest_framework import serializers
from rest_framework.fields import Field, SkipField
from rest_framework.relations import PKOnlyObject

from secon.core.i18n import Translations

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
