import os

from hypothesis import HealthCheck, settings

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
os.environ.setdefault("MPLBACKEND", "Agg")

# Under CI (CI=true) every run draws the same examples, so an unchanged tree cannot turn red by
# chance, and a failure prints the blob that reproduces it (@reproduce_failure). Locally the
# default profile keeps exploring new examples (use --hypothesis-seed=N to replay a run).
# No deadline: the machine running the tests may be loaded.
settings.register_profile("ci", derandomize=True, print_blob=True, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("default", deadline=None, print_blob=True)
settings.load_profile("ci" if os.environ.get("CI", "").lower() in ("1", "true", "yes") else
                      "default")


def pytest_collection_modifyitems(config, items):
    """Run tests/test_workbook.py first. It executes every chapter's workbook, about 40% of the
    suite's time, in one file, which `--dist loadfile` keeps on one worker: started first, the
    other worker takes the rest of the suite meanwhile; scheduled last (its place in the
    alphabet), it would run alone at the end while the other worker idles."""
    items.sort(key=lambda item: item.path.name != "test_workbook.py")
