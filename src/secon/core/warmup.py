"""Do once, before a process serves, what each process would otherwise do on its first requests.

A server process starts with nothing of the site loaded but its settings and middleware: its first
requests import every app's views (the URL configuration), build the URL resolver once per
language, load the translation catalogues, compile the templates they render and load the
collation table names are sorted by. That is about two seconds of CPU per process, which a burst
of visitors (200 people registering at once the minute an event opens) paid on 4 server processes
at the same moment, on top of their own requests. ``secon serve`` does it in gunicorn's master
before the worker processes are forked (they share it), ``secon worker`` before taking its first job.
Nothing here touches the database. An app with something of its own to prepare gives its
``AppConfig`` a ``warm_up()`` method (the core cannot import the apps above it, so it asks them).
"""

import gc
import logging
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines
from django.urls import URLResolver, get_resolver
from django.utils import translation

logger = logging.getLogger(__name__)

#: The site's own sources (their templates are compiled ahead; packages' are left to their first use).
SOURCES = Path(__file__).resolve().parents[1]
#: The kinds of template files compiled ahead (pages, e-mails, the calendar's and PDFs' texts).
TEMPLATE_SUFFIXES = (".html", ".txt")


def warm_up() -> None:
    """Import the URL configuration, build its resolvers in every language, compile the templates,
    and let each app prepare what it has of its own."""
    resolver = get_resolver()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            _populate(resolver)
    from secon.core.text import sort_key

    sort_key("warm-up")  # loads the collation table
    _compile_templates()
    for config in apps.get_app_configs():
        if hasattr(config, "warm_up"):
            config.warm_up()
    # What was just loaded lives as long as the process too: frozen with what the apps loaded at
    # start (secon.core.apps), so full collections do not walk it (and forked workers share it).
    gc.collect()
    gc.freeze()


def _populate(resolver: URLResolver) -> None:
    """Build the resolver's reverse lookups in the active language, and those of its namespaces."""
    for _prefix, child in resolver.namespace_dict.values():
        _populate(child)
    resolver.reverse_dict  # noqa: B018  (builds the lookups of the active language)


def _compile_templates() -> None:
    """Compile every template of the site's own folders into the (cached) template loaders."""
    for engine in engines.all():
        if not hasattr(engine, "engine"):
            continue  # not Django's template language
        for directory in engine.template_dirs:
            base = Path(directory)
            if not base.is_dir() or SOURCES not in base.resolve().parents:
                continue  # a package's own templates (admin, allauth): compiled when first used
            for path in base.rglob("*"):
                if path.suffix not in TEMPLATE_SUFFIXES or not path.is_file():
                    continue
                try:
                    engine.get_template(path.relative_to(base).as_posix())
                except (TemplateDoesNotExist, TemplateSyntaxError, UnicodeDecodeError):
                    logger.warning("template %s could not be compiled ahead", path)
