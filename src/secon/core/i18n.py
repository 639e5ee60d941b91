"""Per-field content translations: a JSON column holding one text per language.

We keep our own small field instead of django-i18nfield because that package stores only the
languages of ``settings.LANGUAGES`` (the four interface languages), while a project writes
content in up to eleven (Polish, Romanian, Latvian … for its partners' public).
"""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from secon.core.languages import CONTENT_LANGUAGE_CODES, language_name


@dataclass(frozen=True)
class Rendering:
    """A translated text as shown in one language, and whether it is a fallback."""

    text: str
    language: str
    requested: str

    @property
    def is_fallback(self) -> bool:
        return bool(self.text) and self.language != self.requested

    @property
    def language_name(self) -> str:
        return language_name(self.language)

    def __str__(self) -> str:
        return self.text


class Translations(dict):
    """A mapping language code → text, which prints in the active language with fallbacks."""

    def render(self, language: str | None = None, fallbacks: list[str] | tuple = ()) -> Rendering:
        """Return the text in ``language``, else in the first of ``fallbacks`` (then English)."""
        requested = language or translation.get_language() or settings.LANGUAGE_CODE
        order = [requested, *fallbacks, settings.LANGUAGE_CODE, *sorted(self)]
        for code in order:
            text = self.get(code)
            if text:
                return Rendering(text=text, language=code, requested=requested)
        return Rendering(text="", language=requested, requested=requested)

    def __str__(self) -> str:
        return self.render().text

    def __bool__(self) -> bool:
        return any(self.values())

    def languages(self) -> list[str]:
        """Return the codes of the languages that have a text."""
        return [code for code, text in self.items() if text]


def clean_translations(value, *, max_length: int | None = None) -> Translations:
    """Validate a mapping of language → text and return it without empty entries."""
    if value in (None, ""):
        return Translations()
    if isinstance(value, str):
        value = {settings.LANGUAGE_CODE: value}
    if not isinstance(value, dict):
        raise ValidationError(_("Expected one text per language."), code="invalid")
    cleaned = Translations()
    for code, text in value.items():
        if code not in CONTENT_LANGUAGE_CODES:
            raise ValidationError(
                _("“%(code)s” is not a content language."), code="language", params={"code": code}
            )
        if text is None:
            continue
        if not isinstance(text, str):
            raise ValidationError(_("Each translation must be text."), code="invalid")
        text = text.strip()
        if max_length is not None and len(text) > max_length:
            raise ValidationError(
                ngettext_lazy(
                    "The %(language)s text has %(length)d character; at most %(max)d are allowed.",
                    "The %(language)s text has %(length)d characters; at most %(max)d are allowed.",
                    "length",
                ),
                code="max_length",
                params={"language": language_name(code), "length": len(text), "max": max_length},
            )
        if text:
            cleaned[code] = text
    return cleaned


class TranslatedWidget(forms.MultiWidget):
    """One input per language, each marked with its ``lang`` and labelled with the language."""

    template_name = "core/widgets/translated.html"

    def __init__(self, languages: list[str], *, multiline: bool, attrs=None):
        self.languages = list(languages)
        self.multiline = multiline
        widget = forms.Textarea(attrs={"rows": 4}) if multiline else forms.TextInput()
        super().__init__(dict.fromkeys(self.languages, widget), attrs)

    def decompress(self, value):
        value = value or {}
        return [value.get(code, "") for code in self.languages]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for code, subwidget in zip(self.languages, context["widget"]["subwidgets"], strict=True):
            subwidget["attrs"]["lang"] = code
            subwidget["language_name"] = language_name(code)
        return context


class TranslatedFormField(forms.MultiValueField):
    """Form field for :class:`TranslatedField`: optional per language, validated as a whole."""

    def __init__(self, *, languages=None, multiline=False, max_length=None, **kwargs):
        self.languages = list(languages or [code for code, _n in settings.LANGUAGES])
        self.max_length = max_length
        fields = [forms.CharField(required=False) for _code in self.languages]
        kwargs.pop("encoder", None)
        kwargs.pop("decoder", None)
        super().__init__(
            fields,
            widget=TranslatedWidget(self.languages, multiline=multiline),
            require_all_fields=False,
            **kwargs,
        )

    def set_languages(self, languages: list[str]) -> None:
        """Show inputs for these languages (a project's content languages)."""
        self.languages = list(languages)
        self.fields = [forms.CharField(required=False) for _code in self.languages]
        self.widget = TranslatedWidget(self.languages, multiline=self.widget.multiline)

    def compress(self, data_list):
        return Translations(
            {code: text for code, text in zip(self.languages, data_list or [], strict=False) if text}
        )

    def clean(self, value):
        if isinstance(value, dict):
            value = [value.get(code, "") for code in self.languages]
        result = clean_translations(super().clean(value), max_length=self.max_length)
        if self.required and not result:
            raise ValidationError(self.error_messages["required"], code="required")
        return result


class TranslatedField(models.JSONField):
    """A text stored once per content language; reads back as :class:`Translations`."""

    def __init__(self, *args, multiline=False, max_length=None, **kwargs):
        self.multiline = multiline
        self.text_max_length = max_length
        kwargs.setdefault("default", dict)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.multiline:
            kwargs["multiline"] = True
        if self.text_max_length is not None:
            kwargs["max_length"] = self.text_max_length
        return name, path, args, kwargs

    def from_db_value(self, value, expression, connection):
        value = super().from_db_value(value, expression, connection)
        return Translations(value) if isinstance(value, dict) else Translations()

    def to_python(self, value):
        return clean_translations(value, max_length=self.text_max_length)

    def validate(self, value, model_instance):
        clean_translations(value, max_length=self.text_max_length)
        if not self.blank and not Translations(value or {}):
            raise ValidationError(self.error_messages["blank"], code="blank")

    def formfield(self, **kwargs):
        return TranslatedFormField(
            multiline=self.multiline,
            max_length=self.text_max_length,
            required=not self.blank,
            label=kwargs.get("label", capfirst(self.verbose_name)),
            help_text=kwargs.get("help_text", self.help_text),
        )
