import gc


def test_the_objects_loaded_at_start_are_left_out_of_garbage_collections():
    # Frozen by the core app once the apps are loaded (modules, models, libraries' tables).
    assert gc.get_freeze_count() > 10_000
