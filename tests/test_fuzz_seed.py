import os

from tests.api.fuzzing import seeds
from tests.fuzz_seed import SEED, run_seed


def test_a_worker_takes_its_controllers_seed_over_the_date_and_its_environment():
    assert run_seed({SEED: "3"}, {SEED: "739952"}) == "739952"
    assert run_seed({}, {SEED: "1,2"}) == "1,2"


def test_the_controller_takes_the_given_seeds_else_the_date():
    assert run_seed({SEED: " 11,12 "}, None) == "11,12"
    assert run_seed({SEED: ""}, None).isdigit()
    assert run_seed({}, {}).isdigit()


def test_this_run_fixed_its_seed_before_collecting():
    assert seeds() == [int(seed) for seed in os.environ[SEED].split(",")]
