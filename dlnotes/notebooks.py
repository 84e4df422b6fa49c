"""The chapters as plain Jupyter notebooks, for readers who open them outside the book.

The book's notebooks are written in MyST: exercises, admonitions and theorems are directives
(```` ```{exercise} ````), references are roles (``{doc}``, ``{cite}``). Jupyter, Colab and VS
Code show a directive as a code block, so an exercise loses its title and the maths inside it
shows as raw LaTeX. :func:`to_plain` rewrites a notebook's markdown into CommonMark with dollar
maths, which every notebook front end renders:

- an exercise becomes a heading with its label, then its text;
- an admonition, note or theorem becomes a quoted block headed by its title;
- ``{solution-start}`` becomes a "Solution" line and ``{solution-end}`` disappears;
- ``{doc}`` becomes a link to that chapter on the published site, ``{cite}`` the authors and year, and the
  other roles their plain text; equation labels after ``$$`` are dropped.

It also puts a first code cell in front (tagged ``remove-cell`` so the book would hide it) that
installs dlnotes when it cannot be imported, as on Colab or Binder, from the repository named
in ``_config.yml``. The book's own build keeps MyST; the site's download button, the launch
buttons' notebooks and the learner's workbook use this form.
"""
from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

try:
    import nbformat
except ModuleNotFoundError as e:   # an optional dependency: say which extra brings it
    raise ModuleNotFoundError(f'dlnotes.notebooks needs nbformat, which is not installed; it comes with the '
                              f'"book" extra: pip install "dlnotes[book]"', name=e.name) from e

__all__ = ["plain_markdown", "to_plain", "install_cell", "repository_url", "site_url", "INSTALL_TAG"]

ROOT = Path(__file__).resolve().parents[1]
INSTALL_TAG = "install-dlnotes"

_FENCE = re.compile(r"^(?P<indent>[ ]{0,3})(?P<fence>`{3,}|:{3,})\{(?P<name>[\w:-]+)\}[ \t]*(?P<arg>.*)$")
_OPTION = re.compile(r"^:(?P<key>[\w-]+):[ \t]*(?P<value>.*)$")
_ROLE = re.compile(r"\{(?P<name>[\w:-]+)\}`(?P<text>[^`]+)`")
_LABELLED = re.compile(r"<(?P<target>[^<>]+)>\s*$")
_EQ_LABEL = re.compile(r"(\$\$)[ \t]*\([\w:.-]+\)[ \t]*$", re.M)
_ENV = re.compile(r"(?ms)^(\\begin\{(\w+\*?)\}.*?\\end\{\2\})")

_TITLES = {"note": "Note", "tip": "Tip", "warning": "Warning", "important": "Important",
           "caution": "Caution", "attention": "Attention", "hint": "Hint", "seealso": "See also",
           "danger": "Danger", "error": "Error"}


def _quote(text: str) -> str:
    return "\n".join(f"> {line}".rstrip() for line in text.splitlines())


def _split_options(body: list[str]) -> tuple[dict, list[str]]:
    options, i = {}, 0
    while i < len(body) and (m := _OPTION.match(body[i].strip())):
        options[m["key"]] = m["value"]
        i += 1
    return options, body[i:]


def _render(name: str, arg: str, options: dict, body: str) -> str:
    """One directive as CommonMark."""
    body = body.strip("\n")
    if name == "exercise":
        label = options.get("label")
        head = f"### Exercise{f' ({label})' if label else ''}: {arg}".rstrip(": ")
        return f"{head}\n\n{body}".rstrip()
    if name == "solution-start":
        return "**Solution**"
    if name == "solution-end":
        return ""
    if name in {"math", "prf:equation"}:
        return f"$$\n{body}\n$$"
    if name == "prf:proof":
        return _quote(f"*Proof.* {body}")
    if name.startswith("prf:"):
        kind = name[4:].capitalize()
        return _quote(f"**{kind}{f': {arg}' if arg else ''}.**\n\n{body}")
    if name == "admonition":
        return _quote(f"**{arg}**\n\n{body}" if arg else body)
    if name in _TITLES:
        return _quote(f"**{_TITLES[name]}**\n\n{' '.join([arg, body]).strip()}")
    if name in {"code-block", "code"}:
        return f"```{arg}\n{body}\n```"
    # Anything else: keep the text, drop the markup.
    return f"**{arg}**\n\n{body}".strip() if arg else body


def _directives(source: str) -> str:
    """Replace every fenced directive, innermost first, by its CommonMark rendering."""
    lines = source.split("\n")
    out: list[str] = []
    stack: list[tuple[str, str, str, list[str]]] = []   # (fence, name, arg, body lines)
    for line in lines:
        if stack:
            fence, name, arg, body = stack[-1]
            stripped = line.strip()
            if stripped and set(stripped) == {fence[0]} and len(stripped) >= len(fence):
                stack.pop()
                options, rest = _split_options(body)
                rendered = _render(name, arg, options, "\n".join(rest))
                (stack[-1][3] if stack else out).extend(rendered.split("\n") if rendered else [])
                continue
            m = _FENCE.match(line)
            if m:
                stack.append((m["fence"], m["name"], m["arg"].strip(), []))
            else:
                body.append(line)
            continue
        m = _FENCE.match(line)
        if m:
            stack.append((m["fence"], m["name"], m["arg"].strip(), []))
        else:
            out.append(line)
    if stack:
        raise ValueError(f"the directive {{{stack[-1][1]}}} is never closed")
    return "\n".join(out)


@lru_cache(maxsize=None)
def _bibliography() -> dict[str, str]:
    """key -> "Authors year" from book/references.bib (empty when the file is not there)."""
    path = ROOT / "book" / "references.bib"
    if not path.exists():
        return {}
    entries = {}
    for m in re.finditer(r"@\w+\{([^,\s]+),(.*?)\n\}", path.read_text(encoding="utf-8"), re.S):
        fields = dict(re.findall(r"(\w+)\s*=\s*\{(.*?)\}\s*,?\s*$", m.group(2), re.M))
        author = fields.get("author", m.group(1))
        if author.startswith("{"):          # a body, not people: {An anonymous CSDN author}
            who = author.strip("{}")
        else:
            names = [a.split(",")[0] if "," in a else a.split()[-1] for a in author.split(" and ")]
            who = names[0] + {1: "", 2: f" and {names[-1]}"}.get(len(names), " et al.")
        entries[m.group(1)] = f"{who} {fields.get('year', 'n.d.')}"
    return entries


@lru_cache(maxsize=None)
def _title_of(path: str) -> str | None:
    p = Path(path)
    if p.suffix == ".ipynb" and p.exists():
        for cell in nbformat.read(p, as_version=4).cells:
            if cell.cell_type == "markdown":
                m = re.match(r"#\s+(.+)", cell.source.strip())
                return m.group(1).strip() if m else None
    if p.with_suffix(".md").exists():
        m = re.search(r"^#\s+(.+)$", p.with_suffix(".md").read_text(encoding="utf-8"), re.M)
        return m.group(1).strip() if m else None
    return None


def _roles(source: str, doc: Path | None) -> str:
    def replace(m):
        name, text = m["name"], m["text"]
        labelled = _LABELLED.search(text)
        shown = text[:labelled.start()].strip() if labelled else None
        target = labelled["target"] if labelled else text
        if name == "doc":
            base = doc.parent if doc else ROOT / "book"
            path = (ROOT / target.lstrip("/")) if target.startswith("/") else base / target
            page = os.path.relpath(path, ROOT).replace(os.sep, "/")
            title = _title_of(str(path.with_suffix(".ipynb"))) or _title_of(str(path.with_suffix(".md")))
            return f"[{shown or title or target}]({site_url()}{page}.html)"
        if name == "cite":
            bib = _bibliography()
            return "(" + "; ".join(bib.get(k.strip(), k.strip()) for k in target.split(",")) + ")"
        return shown or target
    return _ROLE.sub(replace, source)


def _maths(source: str) -> str:
    source = _EQ_LABEL.sub(r"\1", source)
    # amsmath environments written bare (the book enables the amsmath extension) need $$ here.
    pieces, last = [], 0
    for m in _ENV.finditer(source):
        before = source[:m.start()].rstrip()
        if before.endswith("$$"):
            continue
        pieces += [source[last:m.start()], f"$$\n{m.group(1)}\n$$"]
        last = m.end()
    return "".join(pieces) + source[last:]


def _doc(doc):
    """The chapter's path (a str or os.PathLike) resolved, or None."""
    if doc is None:
        return None
    if not isinstance(doc, (str, os.PathLike)):
        raise TypeError(f"doc must be the chapter's path (a str or pathlib.Path) or None, got "
                        f"{type(doc).__name__}")
    return Path(doc).resolve()


def plain_markdown(source: str, doc: Path | str | None = None) -> str:
    """``source`` (MyST markdown of the notebook ``doc``) as CommonMark with dollar maths."""
    if not isinstance(source, str):
        raise TypeError(f"source must be a cell's markdown (a str), got {type(source).__name__}")
    doc = _doc(doc)
    return _maths(_roles(_directives(source), doc)).strip("\n")


def _config_value(section: str, key: str) -> str:
    text = (ROOT / "_config.yml").read_text(encoding="utf-8")
    m = re.search(rf"^{section}:\s*\n(?:[ \t]+.*\n)*?[ \t]+{key}:\s*(\S+)", text, re.M)
    if not m:
        raise ValueError(f"_config.yml has no {section}.{key}")
    return m.group(1).strip("\"'")


def site_url() -> str:
    """The published book's address, ``html.baseurl`` in ``_config.yml`` (ends with /)."""
    return _config_value("html", "baseurl").rstrip("/") + "/"


def repository_url() -> str:
    """The repository that the launch buttons, the install cell and the README name: the one
    place it is written is ``repository.url`` in ``_config.yml``."""
    return _config_value("repository", "url")


def install_cell(url: str | None = None):
    """A code cell that installs dlnotes from the repository when it is not importable."""
    if url is not None and not (isinstance(url, str) and url.strip()):
        raise TypeError(f"url must be a repository address (a non-empty str) or None, got "
                        f"{repr(url)[:60]}")
    url = url or repository_url()
    source = ("# Installs dlnotes where it is missing (Colab, Binder, a fresh Jupyter).\n"
              "try:\n    import dlnotes\n"
              "except ImportError:\n"
              f"    %pip install --quiet \"dlnotes[book] @ git+{url}\"\n")
    return nbformat.v4.new_code_cell(source, metadata={"tags": ["remove-cell", INSTALL_TAG]})


def to_plain(nb, doc: Path | str | None = None, *, with_install_cell: bool = True):
    """A copy of notebook ``nb`` (the chapter at path ``doc``) for plain Jupyter: markdown in
    CommonMark, empty cells dropped, and the install cell first. ``nb``: a notebook
    (``nbformat.NotebookNode`` or its dict form), unchanged."""
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list) or \
            not all(isinstance(c, dict) and "cell_type" in c for c in nb["cells"]):
        raise TypeError(f"nb must be a notebook (nbformat.NotebookNode or a dict with a list of "
                        f"cells), got {type(nb).__name__}")
    if not isinstance(with_install_cell, bool):
        raise TypeError(f"with_install_cell must be True or False, got {with_install_cell!r}")
    doc = _doc(doc)
    out = nbformat.from_dict(nb)     # a new node tree: nb itself is not changed
    cells = []
    for cell in out.cells:
        if cell.cell_type == "markdown":
            cell.source = plain_markdown(cell.source, doc)
            if not cell.source.strip():
                continue
        cells.append(cell)
    if with_install_cell and not (cells and INSTALL_TAG in cells[0].get("metadata", {}).get("tags", [])):
        cells.insert(0, install_cell())
    out.cells = cells
    return out
