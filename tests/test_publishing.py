"""The publishing workflow, the Binder set-up and the launch buttons, read as files: none of
them can run here, so these tests check that they say what the README and .ci/run do."""
import os
import re
from pathlib import Path

import yaml

from dlnotes import notebooks

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "book.yml"


def _workflow():
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return data, data.get("on", data.get(True))   # YAML 1.1 reads a bare `on` as True


def _runs(job):
    return [s["run"] for s in job["steps"] if "run" in s]


def test_workflow_runs_on_push_to_main_and_on_pull_requests():
    _, on = _workflow()
    assert on["push"]["branches"] == ["main"] and "pull_request" in on


def test_workflow_runs_the_readmes_commands_as_ci_does():
    data, _ = _workflow()
    runs = "\n".join(_runs(data["jobs"]["build"]))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for command in re.findall(r"^make \w+[^\n#]*", ci, re.M):
        assert command.strip() in runs, f"the workflow does not run .ci/run's `{command.strip()}`"
    for command in ("make book", "make test"):
        assert command in readme and command in runs
    assert runs.index("make book") < runs.index("make test")
    assert data["jobs"]["build"]["env"]["DLNOTES_REQUIRE_BROWSER"] == "1"


def test_workflow_publishes_only_from_main_and_only_after_the_tests():
    data, _ = _workflow()
    steps = data["jobs"]["build"]["steps"]
    names = [s.get("name", s.get("uses", "")) for s in steps]
    upload = next(i for i, s in enumerate(steps) if "upload-pages-artifact" in s.get("uses", ""))
    assert upload > names.index("make test")
    main_only = "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    assert steps[upload]["if"] == main_only and steps[upload]["with"]["path"] == "_build/html"
    deploy = data["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["if"] == main_only
    assert any("deploy-pages" in s.get("uses", "") for s in deploy["steps"])


def test_launch_buttons_open_the_branch_the_workflow_fills():
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    data, _ = _workflow()
    push = "\n".join(_runs(data["jobs"]["build"]))
    branch = config["repository"]["branch"]
    assert f"git push --force origin {branch}" in push
    assert config["repository"]["url"] == notebooks.repository_url()
    assert config["launch_buttons"]["binderhub_url"] and config["launch_buttons"]["colab_url"]


def test_binder_installs_the_package_with_the_books_dependencies():
    assert (ROOT / "binder" / "runtime.txt").read_text().strip() == "python-3.11"
    post = ROOT / "binder" / "postBuild"
    assert os.access(post, os.X_OK), "repo2docker runs postBuild only when it is executable"
    assert re.search(r'pip install [^\n]*-e "\.\[book\]"', post.read_text())
