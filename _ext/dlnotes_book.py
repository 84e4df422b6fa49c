"""Sphinx hooks for the dlnotes book.

``DLNOTES_EXECUTE`` (force | cache | off) overrides the execution mode in _config.yml, so CI
executes every notebook while local rebuilds re-run only what changed.

After an HTML build, the chapters that the site's download button hands out
(``_sources/**/*.ipynb``) are rewritten for plain Jupyter by :func:`dlnotes.notebooks.to_plain`:
directives become Markdown and a first cell installs dlnotes where it is missing. The pages
themselves are built from the MyST notebooks as before.
"""
import os
from pathlib import Path


def _execution_mode_from_env(app, config):
    mode = os.environ.get("DLNOTES_EXECUTE")
    if mode:
        if mode not in {"force", "cache", "auto", "off"}:
            raise ValueError(f"DLNOTES_EXECUTE must be force, cache, auto or off, not {mode!r}")
        config.nb_execution_mode = mode


def _unique_scripts(app, pagename, templatename, context, doctree):
    """sphinx-thebe adds its configuration script twice on a rebuild, and a page that declares
    the same ``const`` twice logs a console error; keep the first of identical scripts."""
    scripts = context.get("script_files")
    if not scripts:
        return
    seen, unique = set(), []
    for script in scripts:
        attributes = getattr(script, "attributes", {})
        name = getattr(script, "filename", script) or ""   # an inline script's is None or ""
        key = (str(name), tuple(sorted((k, str(v)) for k, v in attributes.items() if k != "priority")))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"] = unique


def _plain_downloads(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    import nbformat

    from dlnotes.notebooks import to_plain

    sources = Path(app.outdir) / "_sources"
    for copy in sources.rglob("*.ipynb"):
        chapter = Path(app.srcdir) / copy.relative_to(sources)
        if chapter.exists():
            nbformat.write(to_plain(nbformat.read(chapter, as_version=4), chapter), copy)


def setup(app):
    app.connect("config-inited", _execution_mode_from_env)
    app.connect("html-page-context", _unique_scripts, priority=900)
    app.connect("build-finished", _plain_downloads)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
