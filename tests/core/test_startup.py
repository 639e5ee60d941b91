import gc


def test_the_objects_loaded_at_start_are_left_out_of_garbage_collections():
    # Frozen by the core app once the apps are loaded (modules, models, libraries' tables), and the
    # young generation collected less often (see CoreConfig.ready).
    assert gc.get_freeze_count() > 10_000
    assert gc.get_threshold()[0] == 10_000
