"""parley from Python: run a scenario and get its results as pandas DataFrames.

    import parley
    r = parley.run("scenarios/ukraine/baseline.yaml", n=2000, seed=1, set={"rounds.horizon": 26})
    r.summary["deal"]["p"]        # summary.json as a dict
    r.issues, r.bundles           # issues.csv and bundles.csv as DataFrames
    r.replicates                  # one row per replicate, with the drawn inputs

The engine is the CLI's: the same scenario, overrides, seed and replicates
give the very numbers `parley run` writes. Input errors raise
parley.ScenarioError with the CLI's `file:line:col: key: message` text.
"""
import io
import json
import os

import pandas as pd

from ._parley import ScenarioError, _run, version

__all__ = ["run", "Result", "ScenarioError", "version"]


class Result:
    """What a run gives: summary (dict), issues, bundles, replicates (DataFrames)."""

    def __init__(self, summary, issues, bundles, replicates):
        self.summary = summary
        self.issues = issues
        self.bundles = bundles
        self.replicates = replicates

    @property
    def complete(self):
        return bool(self.summary["complete"])

    def __repr__(self):
        s = self.summary
        return (f"<parley.Result {s['scenario']['name']}: P(deal) {s['deal']['p']}, "
                f"{s['replicates_done']} replicates, protocol {s['config']['protocol']}>")


def _set_text(value):
    """A --set value: numbers exactly, dicts and lists as inline YAML, strings as given."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (dict, list)):
        return json.dumps(value)
    return str(value)


def _scenario_source(scenario):
    """(text or path, is_text) for a path, a YAML string or a dict."""
    if isinstance(scenario, dict):
        return json.dumps(scenario), True  # JSON is YAML
    if isinstance(scenario, os.PathLike):
        return os.fspath(scenario), False
    if isinstance(scenario, str):
        if "\n" not in scenario and (os.path.exists(scenario) or scenario.endswith((".yaml", ".yml"))):
            return scenario, False
        return scenario, True
    raise TypeError("scenario: expected a path, a YAML string or a dict, got " + type(scenario).__name__)


def _replicates_frame(text, summary):
    frame = pd.read_csv(io.StringIO(text), keep_default_na=True)
    frame["deal"] = frame["deal"].astype(bool)
    frame["cause"] = pd.Categorical(frame["cause"], categories=["deal"] + list(summary["no_deal"].keys()))
    for name, issue in summary["issues"].items():
        column = "terms." + name
        if issue["kind"] == "ordinal" and column in frame:
            frame[column] = pd.Categorical(frame[column], categories=list(issue["p"].keys()), ordered=True)
    if "proposer" in frame:
        frame["proposer"] = frame["proposer"].astype("category")
    for column in frame.columns:
        if column.startswith("fired."):
            frame[column] = frame[column].astype(bool)
        elif column.startswith("fired_round.") or column == "round":
            frame[column] = frame[column].astype("Int64")
    return frame


def run(scenario, n=None, seed=None, threads=None, set=None, protocol=None, replicates=True):
    """Runs a scenario as `parley run` does and returns a Result.

    scenario: a path, a YAML string or a dict; n, seed: replicates and seed
    (default the file's); threads: worker threads (results do not depend on
    it); set: {path: value} overrides (--set); protocol: run under this
    protocol instead of the file's; replicates: also return one row per
    replicate (with the drawn inputs).
    """
    source, is_text = _scenario_source(scenario)
    sets = [f"{path}={_set_text(value)}" for path, value in (set or {}).items()]
    raw = _run(source, is_text, sets, -1 if n is None else int(n), -1 if seed is None else int(seed),
               0 if threads is None else int(threads), protocol or "", bool(replicates))
    summary = json.loads(raw["summary"])
    issues = pd.read_csv(io.StringIO(raw["issues"]))
    bundles = pd.read_csv(io.StringIO(raw["bundles"]))
    rows = _replicates_frame(raw["replicates"], summary) if replicates else None
    return Result(summary, issues, bundles, rows)
