"""One fuzz seed for a whole run (``SECON_FUZZ_SEED``, read by ``tests/api/fuzzing.seeds``).

Without it, each pytest-xdist process took the date in UTC when it collected the schemathesis tests,
whose ids hold the seed: a run collecting across midnight UTC saw two sets of ids and stopped. The
process that starts the run (pytest-xdist's controller, or the only one) now fixes the seed before
any collection and hands it to each process it starts.
"""

import datetime
import os

import pytest

SEED = "SECON_FUZZ_SEED"


def run_seed(environ, workerinput) -> str:
    """The seed(s) of this process: its controller's, else ``SECON_FUZZ_SEED``, else today's (UTC)
    date's ordinal."""
    if workerinput is not None and workerinput.get(SEED):
        return workerinput[SEED]
    return environ.get(SEED, "").strip() or str(datetime.datetime.now(datetime.UTC).date().toordinal())


def pytest_configure(config):
    """Fix the seed in this process's environment before it collects anything."""
    os.environ[SEED] = run_seed(os.environ, getattr(config, "workerinput", None))


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):
    """Hand a pytest-xdist process its controller's seed (not the date it would read itself)."""
    node.workerinput[SEED] = os.environ[SEED]
