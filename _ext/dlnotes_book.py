"""Sphinx hooks for the dlnotes book.

``DLNOTES_EXECUTE`` (force | cache | off) overrides the execution mode in _config.yml, so CI
executes every notebook while local rebuilds re-run only what changed.
"""
import os


def _execution_mode_from_env(app, config):
    mode = os.environ.get("DLNOTES_EXECUTE")
    if mode:
        if mode not in {"force", "cache", "auto", "off"}:
            raise ValueError(f"DLNOTES_EXECUTE must be force, cache, auto or off, not {mode!r}")
        config.nb_execution_mode = mode


def setup(app):
    app.connect("config-inited", _execution_mode_from_env)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
