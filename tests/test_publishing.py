"""Publishing templates (issue 5): the CI files check before they build and publish."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def test_github_workflow_checks_builds_publishes_and_previews():
    flow = yaml.safe_load((ROOT / ".github/workflows/publish.yml").read_text(encoding="utf-8"))
    triggers = flow[True]  # YAML 1.1 reads the key `on` as a boolean
    assert triggers["push"]["branches"] == ["main"] and "pull_request" in triggers
    steps = flow["jobs"]["build"]["steps"]
    runs = [s.get("run", "") for s in steps]
    assert first(runs, "bantin check") < first(runs, "bantin build")
    uses = {s.get("uses", "").split("@")[0]: s for s in steps}
    assert uses["JamesIves/github-pages-deploy-action"]["if"] == "github.event_name == 'push'"
    assert uses["rossjrw/pr-preview-action"]["with"]["source-dir"] == "site"


def test_gitlab_pages_job_checks_then_builds_with_merge_request_previews():
    ci = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    script = ci["pages"]["script"]
    assert first(script, "bantin check") < first(script, "bantin build")
    assert "--site-dir public" in script[first(script, "bantin build")]
    rules = ci["pages"]["rules"]
    # Parallel deployments only when the tier has them (tests/test_ci_previews.py evaluates the rules).
    assert any("merge_request_event" in r["if"] and "BANTIN_PAGES_PREVIEW" in r["if"]
               and r["variables"]["PAGES_PREFIX"].startswith("mr-") for r in rules)


def first(lines: list[str], command: str) -> int:
    """Position of the first line running `command` (its options may change: --format, --publish)."""
    return next(i for i, line in enumerate(lines) if line == command or line.startswith(command + " "))


def test_pre_commit_hook_runs_the_checker():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hooks[0]["entry"] == "bantin check" and hooks[0]["pass_filenames"] is False
