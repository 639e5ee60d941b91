import gc


def test_the_objects_loaded_at_start_are_left_out_of_garbage_collections():
    # Frozen by the core app once the apps are loaded (modules, models, libraries' tables), and the
    # young generation collected less often (see CoreConfig.ready).
    assert gc.get_freeze_count() > 10_000
    assert gc.get_threshold()[0] == 10_000


def test_the_warm_up_freezes_what_it_loads_too():
    # Run in a server's master before it forks (secon serve) and by `secon worker`: the URL
    # resolvers, catalogues and compiled templates it loads join the frozen objects.
    from secon.core.warmup import warm_up

    before = gc.get_freeze_count()
    warm_up()
    assert gc.get_freeze_count() > before


def test_the_warm_up_prepares_the_apps_own_parts_without_the_database():
    # The API's table of documented query parameters comes from its generated schema: made before
    # the server forks, not on each process's first API request; and in gunicorn's master, which
    # must not open a database connection its forked workers would share (pytest-django refuses any
    # database access in this test).
    from secon.api.views.base import _documented_queries
    from secon.core.warmup import warm_up

    _documented_queries.cache_clear()
    warm_up()
    assert _documented_queries.cache_info().currsize == 1
