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
