"""Hot read queries compiled once and run again: the SQL of a queryset kept under what it was built from.

Building and compiling a queryset (``filter``, joins, orderings, the scope's filter) costs a public
page more than running it on the database: about a fifth of an uncached agenda page went there,
for the same few queries at every request. Here a query is built and compiled the first time a
*key* is seen, and its SQL, parameters and result converters are kept under that key; the next
request with the same key runs the same SQL again without building anything.

The key is a content address, as for the agenda's row fragments (``secon.events.rows``): it
must hold every input the queryset is built from (the event's key, the audience …), and the
tenancy scope is always added to it — the projects the scoped managers filter by (``ProjectIds``
resolved, as they resolve it) or "unscoped" under ``scopes_disabled()``. So the SQL run is always
the SQL the queryset would compile to now, filtered by the current project exactly as the
manager would: a query can never run in another project's scope, and nothing is invalidated (a
changed row changes the *result* of the same SQL, not the SQL). Where the scope refuses queries
(no project in scope), nothing is kept: the queryset is built and run as usual, and raises. A
query is compiled twice the first time, with the scope and without: when both give the same SQL,
no scoped manager filters it (a public project read by its slug, a link table), and it is kept
once for every scope — without resolving the scope's project, which would cost a query of its own.

A query that differs per request only in the values of plain equality lookups (a link's key, a
row's id) is compiled once too: ``build`` gets stand-ins for the ``values`` (an int or a str each,
of the lookups' own type), and the values take their places in the parameters when it runs. Only
for ``field=value`` lookups on integer and text fields, whose value reaches the database
unchanged (not ``iexact``, ``contains`` …, which escape or transform it): a stand-in not found
among the parameters, or found in the SQL, is refused (TypeError).

Kept per thread (a compiler belongs to its thread's connection), at most ``LIMIT`` queries per
thread, least recently used first out. The rows are turned into values or model instances as
Django's own iterables do (its converters: dates, JSON, translations; ``from_db``, the related
records of ``select_related``); a queryset that prefetches is refused.
"""

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from django_scopes import scopes_disabled
from django_scopes.state import get_scope

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet
from django.db.models.query import (
    FlatValuesListIterable,
    ModelIterable,
    ValuesListIterable,
    get_related_populators,
)

from secon.projects.tenancy import ProjectIds

#: Queries kept per thread.
LIMIT = 1024

_local = threading.local()


def scope_key() -> Hashable | None:
    """Return what the scoped managers filter by now, or None when the scope refuses queries."""
    current = get_scope()
    if not current.get("_enabled", True):
        return _UNSCOPED
    if "project" not in current:
        return None
    value = current["project"]
    if isinstance(value, ProjectIds):
        value = value.resolve()
    if value is None:
        return _UNSCOPED
    if isinstance(value, list | tuple | set):
        return ("in", tuple(getattr(item, "pk", item) for item in value))
    return ("is", getattr(value, "pk", value))


class _Compiled:
    __slots__ = (
        "alias",
        "annotations",
        "compiler",
        "converters",
        "init_list",
        "kind",
        "model",
        "model_slice",
        "params",
        "populators",
        "slots",
        "sql",
        "width",
    )

    def __init__(self, queryset: QuerySet, stand_ins: tuple = (), twin: QuerySet | None = None, twins=()):
        if queryset._iterable_class is ValuesListIterable:
            self.kind = "tuples"
        elif queryset._iterable_class is FlatValuesListIterable:
            self.kind = "flat"
        elif queryset._iterable_class is ModelIterable:
            if queryset._prefetch_related_lookups or queryset._known_related_objects:
                raise TypeError("a prepared queryset prefetches nothing and is not a related manager's")
            self.kind = "model"
        else:
            raise TypeError("only values_list and plain model querysets are prepared")
        self.alias = queryset.db
        compiler = queryset.query.get_compiler(self.alias)
        try:
            sql, params = compiler.as_sql()  # also fills compiler.select and klass_info
        except EmptyResultSet:
            sql, params = "", ()
        self.sql, self.params = sql, tuple(params)
        self.slots = _slots(self.sql, self.params, stand_ins, twin, twins) if stand_ins else ()
        self.compiler = compiler
        self.width = compiler.col_count if compiler.has_extra_select else None
        self.converters = {}
        if not sql:
            return
        fields = [selected[0] for selected in compiler.select[0 : compiler.col_count]]
        self.converters = compiler.get_converters(fields)
        if self.kind == "model":  # as ModelIterable reads the rows
            klass_info = compiler.klass_info
            self.model = klass_info["model"]
            start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
            self.model_slice = slice(start, end)
            self.init_list = [selected[0].target.attname for selected in compiler.select[start:end]]
            self.populators = get_related_populators(klass_info, compiler.select, self.alias)
            self.annotations = tuple(compiler.annotation_col_map.items())

    def run(self, values: tuple = ()) -> list:
        if not self.sql:
            return []
        params = self.params
        if self.slots:
            params = list(params)
            for position, number, cast in self.slots:
                params[position] = values[number] if cast is None else cast(values[number])
        with connections[self.alias].cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        if self.width is not None:
            rows = [row[: self.width] for row in rows]
        if self.converters:
            rows = self.compiler.apply_converters(rows, self.converters)
        if self.kind == "flat":
            return [row[0] for row in rows]
        if self.kind == "tuples":
            return [tuple(row) for row in rows]
        found = []
        for row in rows:
            record = self.model.from_db(self.alias, self.init_list, row[self.model_slice])
            for populator in self.populators:
                populator.populate(row, record)
            for name, position in self.annotations:
                setattr(record, name, row[position])
            found.append(record)
        return found


def _stand_ins(values: tuple, twin: bool) -> tuple:
    """Values standing in for ``values`` at compilation: two sets, whose places must agree."""
    found = []
    for number, value in enumerate(values):
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise TypeError("only int and str values take a stand-in's place")
        if isinstance(value, int):  # in every integer column's range, small ones too
            found.append((30_011 if twin else 20_011) + number)
        else:
            found.append(f"\x00secon-prepared-{'b' if twin else 'a'}{number}\x00")
    return tuple(found)


def _slots(sql: str, params: tuple, stand_ins: tuple, twin: QuerySet, twins: tuple) -> tuple:
    """Where each stand-in is among the parameters: ((position, number of the value, cast), …).

    ``twin``: the same query built with the other stand-ins (``twins``): a place is a value's only where both
    hold their stand-in (an unrelated parameter equal to one by chance is not), and every other
    parameter must be the same in both (else the values shape the query: refused).
    """
    try:
        twin_sql, twin_params = twin.query.get_compiler(twin.db).as_sql() if sql else ("", ())
    except EmptyResultSet:
        twin_sql, twin_params = "", ()
    if not sql or twin_sql != sql or len(twin_params) != len(params):
        raise TypeError("a prepared query's value must be a parameter of an equality lookup")
    slots = []
    for position, (param, other) in enumerate(zip(params, twin_params, strict=True)):
        number = next(
            (
                number
                for number, (stand_in, twin_in) in enumerate(zip(stand_ins, twins, strict=True))
                if isinstance(param, type(stand_in)) and param == stand_in and other == twin_in
            ),
            None,
        )
        if number is not None:  # as the database adapter wants it (psycopg: Int2 for a small one)
            slots.append((position, number, None if type(param) is type(stand_ins[number]) else type(param)))
        elif param != other:
            raise TypeError("a prepared query's value must be a parameter of an equality lookup")
    if {slot[1] for slot in slots} != set(range(len(stand_ins))) or any(
        isinstance(stand_in, str) and stand_in in sql for stand_in in stand_ins
    ):
        raise TypeError("a prepared query's value must be a parameter of an equality lookup")
    return tuple(slots)


def rows(key: tuple, build: Callable[..., QuerySet], values: tuple = ()) -> list:
    """Return the rows of ``build()``, compiled once per key and scope: tuples (or values) of a
    ``values_list`` queryset, model instances of a model queryset (``select_related`` and
    annotations as Django sets them; no ``prefetch_related``). Slice in ``build`` (``[:1]``) for one.

    ``key`` names the query and holds every value ``build`` uses (model instances by their key);
    the same key must always build the same queryset. ``values``: the values of equality lookups
    that vary from one call to the next (ints and strs), left out of the key: ``build`` takes
    stand-ins for them (one argument each) and is compiled once for all their values.
    """
    if values:
        stand_ins, twins = _stand_ins(values, twin=False), _stand_ins(values, twin=True)
        return _rows(
            (key, "values"),
            lambda: build(*stand_ins),
            values,
            lambda: build(*values),
            stand_ins=stand_ins,
            twin=lambda: build(*twins),
            twins=twins,
        )
    return _rows(key, build, (), build)


def _rows(
    key: tuple,
    build: Callable[[], QuerySet],
    values: tuple,
    plain: Callable[[], QuerySet],
    stand_ins: tuple = (),
    twin: Callable[[], QuerySet] | None = None,
    twins: tuple = (),
) -> list:
    kept = getattr(_local, "queries", None)
    if kept is None:
        kept = _local.queries = OrderedDict()
        _local.scoped = set()
    # A query no scoped manager filters (the project itself, a link table) is kept once for every
    # scope: its SQL came out the same with the scope and without when it was compiled.
    compiled = kept.get((key, _ANY_SCOPE))
    if compiled is not None:
        kept.move_to_end((key, _ANY_SCOPE))
        return compiled.run(values)
    current = get_scope()
    if not current.get("_enabled", True):  # compiled without a scope before?
        compiled = kept.get((key, _UNSCOPED))
        if compiled is not None:
            kept.move_to_end((key, _UNSCOPED))
            return compiled.run(values)
    elif "project" not in current:
        return list(plain())  # the scoped managers refuse: let the queryset raise as usual
    if key in _local.scoped:  # filtered by the scope: its project's ids are part of the key
        scoped = scope_key()  # (resolved here as the manager would resolve them to build it)
        compiled = kept.get((key, scoped))
        if compiled is not None:
            kept.move_to_end((key, scoped))
            return compiled.run(values)
    compiled = _Compiled(build(), stand_ins, twin() if twin else None, twins)
    if current.get("_enabled", True) and current["project"] is not None:
        with scopes_disabled():  # compiled under a project's scope: would it be the same without?
            unscoped = _Compiled(build(), stand_ins, twin() if twin else None, twins)
        if (compiled.sql, compiled.params) == (unscoped.sql, unscoped.params):
            scoped = _ANY_SCOPE
        else:
            if len(_local.scoped) > LIMIT:  # (forgetting only costs a compilation)
                _local.scoped.clear()
            _local.scoped.add(key)
            scoped = scope_key()  # the manager has resolved the project to build the query
    else:
        scoped = _UNSCOPED
    kept[(key, scoped)] = compiled
    if len(kept) > LIMIT:
        kept.popitem(last=False)
    return compiled.run(values)


#: The scope part of the key of a query that no scope changes, and of one compiled without a scope.
_ANY_SCOPE = ("any",)
_UNSCOPED = ("unscoped",)


def forget() -> None:
    """Forget this thread's compiled queries (tests)."""
    _local.queries = OrderedDict()
    _local.scoped = set()
