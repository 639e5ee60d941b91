"""Tenancy in one place: every project-owned record is read inside the scope of its project.

A model that belongs to a project derives from :class:`ProjectScopedModel` (or, when it belongs to
its project through a parent — a session through its event — declares
``objects = scoped_manager("event__project")``). Its default manager is django-scopes'
``ScopedManager``: a query made while no project scope is active raises ``ScopeError`` instead of
quietly returning the records of every project.

Who sets the scope:

- a request: :class:`ProjectScopeMiddleware`, once, from the ``project`` slug in the URL; pages
  without a project in their address (the home page, the installation-wide lists) must widen the
  scope explicitly in their selector (``with scopes_disabled():``) and say why;
- the staff side (``/admin/``) runs unscoped: its querysets are restricted per role by
  ``core.admin_base`` instead, and tested for it;
- commands, the demo loader and task workers act for the installation and run unscoped;
- tests run their own code unscoped (tests/conftest.py); each request they make is scoped again
  by the middleware, so a view that reads outside its project fails in the suite.

The scope ends when the middleware returns: a streaming response reads its rows while it is sent,
so its generator must enter the project's scope itself.
"""

from functools import lru_cache

from django_scopes import scope, scopes_disabled
from django_scopes.manager import DisabledQuerySet
from django_scopes.state import get_scope

from django.db import models
from django.urls import Resolver404, get_resolver, get_urlconf
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

__all__ = [
    "ProjectScopeMiddleware",
    "ProjectScopedModel",
    "check_same_project",
    "remember_project",
    "scope",
    "scoped_manager",
    "scopes_disabled",
]


def scoped_manager(path: str = "project", queryset_class: type[models.QuerySet] = models.QuerySet):
    """Return a manager that filters every query by the current project scope through ``path``.

    django-scopes' own ``ScopedManager`` works the same way; ours also accepts :class:`ProjectIds`,
    the project of the URL resolved only when a query is built.
    """
    base = _ScopedManager.from_queryset(queryset_class)
    # A class per path: Django builds related managers (``article.versions``) by calling the
    # manager's class without arguments, which must keep the path.
    manager_class = type(f"{base.__name__}_{path.replace('__', '_')}", (base,), {"default_path": path})
    return manager_class(path)


class _ScopedManager(models.Manager):
    default_path = "project"

    def __init__(self, path: str | None = None):
        super().__init__()
        self.path = path or self.default_path

    def deconstruct(self):
        # Migrations see a plain manager: the scope is a runtime concern.
        return models.Manager().deconstruct()

    def get_queryset(self) -> models.QuerySet:
        current = get_scope()
        if not current.get("_enabled", True):
            return super().get_queryset()
        if "project" not in current:
            return DisabledQuerySet(self.model, using=self._db, missing_scopes=["project"])
        value = current["project"]
        if isinstance(value, ProjectIds):
            value = value.resolve()
        if value is None:
            return super().get_queryset()
        if isinstance(value, list | tuple | set):
            return super().get_queryset().filter(**{f"{self.path}__in": list(value)})
        return super().get_queryset().filter(**{self.path: value})


class ProjectScopedModel(models.Model):
    """A record that belongs to one project: the key, and a manager scoped by it."""

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="%(class)ss",
    )

    objects = scoped_manager()

    class Meta:
        abstract = True


def check_same_project(record: models.Model, **related: models.Model | None) -> None:
    """Refuse (``ValueError``) a record whose project is not that of the records it belongs to.

    A child that keeps its parent's project as a key of its own (a registration, its event's), so
    that its manager filters without a join, is written by a service that calls this before
    saving: the copy cannot differ from the original. Choices a person makes (a venue, a partner)
    are checked earlier, with a message on their field.
    """
    for name, other in related.items():
        if other is not None and other.project_id != record.project_id:
            raise ValueError(
                f"{record._meta.label} of project {record.project_id} cannot belong to "
                f"{name} {other.pk} of project {other.project_id}"
            )


def remember_project(project) -> None:
    """Tell the request's scope which project its slug names, once a view has read it anyway.

    The scoped queries of the request then need no lookup of their own.
    """
    value = get_scope().get("project")
    if isinstance(value, ProjectIds) and value._ids is None and value.slug == project.slug:
        value._ids = [project.pk]


class ProjectIds:
    """The project named in the URL, read from the database only when a scoped query needs it.

    A page served from the page cache runs no query at all, so the lookup must not run for it
    either. An unknown slug resolves to no project: every scoped query then finds nothing (and
    the view answers 404).
    """

    def __init__(self, slug: str):
        self.slug = slug
        self._ids: list[int] | None = None

    def resolve(self) -> list[int]:
        """Return ``[id]`` of the project with the slug, or ``[]``; query only the first time."""
        if self._ids is None:
            from secon.projects.models import Project

            self._ids = list(Project.objects.filter(slug=self.slug).values_list("pk", flat=True))
        return self._ids

    def __repr__(self) -> str:
        return f"ProjectIds({self.slug!r})"


def _project_of_path(resolver, language: str | None, path: str) -> tuple[bool, str | None]:
    """Return whether the path is the admin's and the project slug it names.

    Resolving the address costs as much as serving a cached page's content, and the handler resolves
    it again anyway: the answer is remembered for the last 4,096 addresses of ordinary length (the
    resolver and the language are part of the key: a test's other URLconf, a language prefix).
    """
    if len(path) > 256:
        return _resolve_project(resolver, language, path)
    return _remembered_project(resolver, language, path)


def _resolve_project(resolver, language: str | None, path: str) -> tuple[bool, str | None]:
    try:
        match = resolver.resolve(path)
    except Resolver404:
        return False, None
    slug = match.kwargs.get("project")
    return match.app_name == "admin", slug if isinstance(slug, str) else None


_remembered_project = lru_cache(maxsize=4096)(_resolve_project)


class ProjectScopeMiddleware:
    """Set the project scope of the request once, from the ``project`` slug of its URL."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        is_admin, slug = _project_of_path(get_resolver(get_urlconf()), get_language(), request.path_info)
        if is_admin:
            with scopes_disabled():
                return self.get_response(request)
        if isinstance(slug, str):
            with scope(project=ProjectIds(slug)):
                return self.get_response(request)
        # No project in the address: project-owned records are out of reach unless a selector
        # widens the scope on purpose.
        with scope():
            return self.get_response(request)
