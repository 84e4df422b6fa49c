"""Repository-wide pytest set-up.

With ``--dist loadgroup`` pytest-xdist keeps tests of one group on one worker. Every cell of a
notebook that nbval runs must share one kernel, so each notebook becomes one group.
"""
import pytest


def pytest_collection_modifyitems(config, items):
    for item in items:
        if str(item.fspath).endswith(".ipynb"):
            item.add_marker(pytest.mark.xdist_group(name=str(item.fspath)))
