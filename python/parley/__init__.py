"""parley from Python: every command of the CLI, with results as dicts and pandas DataFrames.

    import parley
    r = parley.run("scenarios/ukraine/baseline.yaml", n=2000, seed=1, set={"rounds.horizon": 26})
    r.summary["deal"]["p"]        # summary.json as a dict
    r.issues, r.bundles           # issues.csv and bundles.csv as DataFrames
    r.replicates                  # one row per replicate, with the drawn inputs

    parley.compare(base, variant)                         # compare.json; .metrics as a DataFrame
    parley.sweep(s, vary={"rounds.horizon": [26, 52]})    # sweep.json; .table as a DataFrame (sweep.csv)
    parley.sensitivity(s, method="oat")                   # sensitivity.json and .csv
    parley.calibrate(s, free=[...], targets={...})        # calibrate.json
    parley.explain(s, replicate=17)                       # one replicate, as text and as data

The engine is the CLI's, called through the same library: the same scenario,
overrides, seed and replicates give the very bytes `parley COMMAND --out DIR`
writes (each result's .files), parsed here. A scenario is a path, a YAML
string or a dict. Input errors raise parley.ScenarioError with the CLI's
`file:line:col: key: message` text; a wrong argument raises
parley.UsageError. Ctrl-C stops a command at its next chunk boundary and
returns what was done, marked incomplete (`.complete` is False).
"""
import io
import json
import os
import warnings

import pandas as pd

from ._parley import (ScenarioError, UsageError, _calibrate, _compare, _explain, _run, _run_all, _sensitivity,
                      _sweep, version)

__all__ = ["run", "compare", "sweep", "sensitivity", "calibrate", "explain", "Result", "Ensemble", "Output",
           "Explanation", "ScenarioError", "UsageError", "version"]


def _csv(text):
    # round_trip: pandas' default parser is off by one ulp on about half of parley's numbers.
    return pd.read_csv(io.StringIO(text), float_precision="round_trip")


class Output:
    """What a command gives: .files (name -> the text `--out DIR` would hold),
    .json (its JSON file, parsed), .table (the console table as text),
    .notes and .warnings (what the CLI prints on stderr), .complete."""

    def __init__(self, raw, json_name):
        self.files = dict(raw["files"])
        self.json = json.loads(self.files[json_name]) if json_name in self.files else None
        self.text = raw["table"]
        self.notes = list(raw["notes"])
        self.warnings = list(raw["warnings"])
        self.complete = bool(raw["complete"])
        self.interrupted = bool(raw["interrupted"])

    def write(self, directory):
        """Writes .files into `directory` (created), as `--out` does."""
        for name, text in self.files.items():
            path = os.path.join(directory, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as out:
                out.write(text)

    def __repr__(self):
        return f"<parley.{type(self).__name__}: {'complete' if self.complete else 'incomplete'}>"


class Result(Output):
    """A run: .summary (summary.json as a dict), .issues and .bundles
    (issues.csv and bundles.csv), .replicates (one row per replicate, or None)."""

    def __init__(self, raw, replicates=None, prefix=""):
        super().__init__(raw, prefix + "summary.json")
        self.summary = self.json
        self.issues = _csv(self.files[prefix + "issues.csv"])
        self.bundles = _csv(self.files[prefix + "bundles.csv"])
        self.replicates = replicates

    def __repr__(self):
        s = self.summary
        return (f"<parley.Result {s['scenario']['name']}: P(deal) {s['deal']['p']}, "
                f"{s['replicates_done']} replicates, protocol {s['config']['protocol']}>")


class Ensemble(Output):
    """`run(..., protocol="all")`: .ensemble (ensemble.json) and .protocols,
    a Result per protocol that ran (without per-replicate rows)."""

    def __init__(self, raw):
        super().__init__(raw, "ensemble.json")
        self.ensemble = self.json
        self.protocols = {}
        for name in self.files:
            if name.endswith("/summary.json"):
                protocol = name.split("/")[0]
                self.protocols[protocol] = Result(raw, prefix=protocol + "/")


class Explanation:
    """One replicate replayed: .text (what `parley explain` prints), .json
    (`parley explain --json`), .steps (a row per round), .row (its
    `--replicates` row as a dict of texts)."""

    def __init__(self, raw):
        self.text = raw["text"]
        self.json = json.loads(raw["json"])
        steps = []
        for step in self.json["steps"]:
            flat = {k: v for k, v in step.items() if k not in ("answers", "terms", "status_quo", "events")}
            flat["events"] = ",".join(step["events"])
            for issue, value in (step["terms"] or {}).items():
                flat["terms." + issue] = value
            for answer in step["answers"]:
                flat["accept." + answer["actor"]] = answer["accept"]
                flat["utility." + answer["actor"]] = answer["utility"]
                flat["threshold." + answer["actor"]] = answer["threshold"]
            steps.append(flat)
        self.steps = pd.DataFrame(steps)
        self.row = dict(zip(self.json["row_header"].split(","), self.json["row"].split(",")))

    def __str__(self):
        return self.text

    def __repr__(self):
        j = self.json
        return f"<parley.Explanation replicate {j['replicate']} of {j['scenario']}: {j['cause']}>"


def _set_text(value):
    """A --set value: numbers exactly, dicts and lists as inline YAML, strings as given."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (dict, list)):
        return json.dumps(value)
    return str(value)


def _request(scenario, n=None, seed=None, set=None, protocol=None):
    """The scenario (a path, a YAML string or a dict) and its overrides, as the module takes them."""
    request = {"sets": [f"{path}={_set_text(value)}" for path, value in (set or {}).items()],
               "protocol": protocol, "n": None if n is None else int(n), "seed": None if seed is None else int(seed)}
    if isinstance(scenario, dict):
        request["text"] = json.dumps(scenario)  # JSON is YAML
    elif isinstance(scenario, os.PathLike):
        request["path"] = os.fspath(scenario)
    elif isinstance(scenario, str):
        is_path = "\n" not in scenario and (os.path.exists(scenario) or scenario.endswith((".yaml", ".yml")))
        request["path" if is_path else "text"] = scenario
    else:
        raise TypeError("scenario: expected a path, a YAML string or a dict, got " + type(scenario).__name__)
    return request


def _threads(threads):
    return 0 if threads is None else int(threads)


def _say(raw):
    for text in raw["warnings"]:
        warnings.warn(text, RuntimeWarning, stacklevel=3)
    if raw["interrupted"]:
        warnings.warn("interrupted (Ctrl-C): the result holds what was done and is marked incomplete",
                      RuntimeWarning, stacklevel=3)


def _column(c):
    values = c["values"]
    kind = c["kind"]
    if kind == "category":
        return pd.Categorical.from_codes(values, categories=c["categories"], ordered=c["ordered"])
    if kind == "nullable_int":
        return pd.arrays.IntegerArray(values, c["mask"])
    return values


def _replicates_frame(columns):
    return pd.DataFrame({c["name"]: _column(c) for c in columns}, copy=False)


def run(scenario, n=None, seed=None, threads=None, set=None, protocol=None, replicates=True):
    """Runs a scenario as `parley run` does and returns a Result.

    scenario: a path, a YAML string or a dict; n, seed: replicates and seed
    (default the file's); threads: worker threads (results do not depend on
    it); set: {path: value} overrides (--set); protocol: run under this
    protocol instead of the file's ("all": every protocol, an Ensemble);
    replicates: also return one row per replicate, with the drawn inputs.
    """
    request = _request(scenario, n, seed, set, protocol)
    if protocol == "all":
        raw = _run_all(request, _threads(threads))
        _say(raw)
        return Ensemble(raw)
    raw = _run(request, _threads(threads), bool(replicates))
    _say(raw)
    rows = _replicates_frame(raw["columns"]) if replicates else None
    return Result(raw, rows)


def compare(base, variant, n=None, seed=None, threads=None, set=None, protocol=None):
    """Base against variant, paired replicate by replicate (common random
    numbers), as `parley compare`: .json is compare.json, .metrics a row per
    metric (base, variant, delta, se, ci95_low, ci95_high). set and protocol
    apply to both; the variant runs the base's replicates and seed."""
    raw = _compare(_request(base, n, seed, set, protocol), _request(variant, None, None, set, protocol),
                   _threads(threads))
    _say(raw)
    out = Output(raw, "compare.json")
    rows = []
    for name, m in out.json["metrics"].items():
        ci = m.get("ci95") or [None, None]
        rows.append({"metric": name, "base": m.get("base"), "variant": m.get("variant"), "delta": m.get("delta"),
                     "se": m.get("se"), "ci95_low": ci[0], "ci95_high": ci[1]})
    out.metrics = pd.DataFrame(rows)
    return out


def _axis_text(path, axis):
    """--vary's text for {path: (lo, hi, steps)} or {path: [v1, v2, ...]}."""
    if isinstance(axis, tuple) and len(axis) == 3:
        lo, hi, steps = axis
        return f"{path}={_set_text(lo)}:{_set_text(hi)}:{int(steps)}"
    if isinstance(axis, (list, tuple)):
        return f"{path}=" + ",".join(_set_text(v) for v in axis)
    raise TypeError(f"vary[{path!r}]: expected (low, high, steps) or a list of values")


def _range_text(path, bounds):
    if bounds is None:
        return path
    low, high = bounds
    return f"{path}={_set_text(low)}:{_set_text(high)}"


def _listed(items, text):
    """A list of CLI texts, or a dict turned into them by `text(key, value)`."""
    if items is None:
        return []
    if isinstance(items, str):
        return [items]
    if isinstance(items, dict):
        return [text(k, v) for k, v in items.items()]
    return list(items)


def sweep(scenario, vary, metrics=None, n=None, seed=None, threads=None, set=None, protocol=None):
    """The scenario at every point of a grid, as `parley sweep`.

    vary: {path: (low, high, steps)} or {path: [values]} (or --vary texts);
    metrics: paths into summary.json (default deal.p). .json is sweep.json,
    .table a DataFrame of sweep.csv (a row per point: the axes, each metric
    and its standard error)."""
    raw = _sweep(_request(scenario, n, seed, set, protocol), _threads(threads), _listed(vary, _axis_text),
                 _listed(metrics, None))
    _say(raw)
    out = Output(raw, "sweep.json")
    out.table = _csv(out.files["sweep.csv"]) if "sweep.csv" in out.files else None
    return out


def sensitivity(scenario, metrics=None, factors=None, method="sobol", samples=64, bootstrap=1000, n=None, seed=None,
                threads=None, set=None, protocol=None):
    """Which uncertain inputs drive each metric, as `parley sensitivity`.

    factors: paths of parameters given as distributions (default all), or
    {path: (low, high)} to study a constant over a range; method "sobol"
    (first-order and total indices) or "oat"; n: replicates per design point
    (default 1000). .json is sensitivity.json, .table a DataFrame of
    sensitivity.csv."""
    raw = _sensitivity(_request(scenario, n, seed, set, protocol), _threads(threads), _listed(metrics, None),
                       _listed(factors, _range_text), method, int(samples), int(bootstrap))
    _say(raw)
    out = Output(raw, "sensitivity.json")
    out.table = _csv(out.files["sensitivity.csv"]) if "sensitivity.csv" in out.files else None
    return out


def _target_text(metric, target):
    if isinstance(target, (tuple, list)):
        value, sd = target
        return f"{metric}={_set_text(value)}+-{_set_text(sd)}"
    return f"{metric}={_set_text(target)}"


def calibrate(scenario, free, targets, algorithm="bobyqa", budget=100, write=None, n=None, seed=None, threads=None,
              set=None, protocol=None):
    """Free parameters fitted to targets, as `parley calibrate`.

    free: paths, or {path: (low, high)}; targets: {metric: value} or
    {metric: (value, sd)}; write: a path for the fitted scenario (it extends
    the scenario file). .json is calibrate.json, .fitted its fitted values,
    .written the fitted scenario's text (with write)."""
    raw = _calibrate(_request(scenario, n, seed, set, protocol), _threads(threads), _listed(free, _range_text),
                     _listed(targets, _target_text), algorithm, int(budget), "" if write is None else os.fspath(write))
    _say(raw)
    out = Output(raw, "calibrate.json")
    out.written = raw["written"] or None
    out.fitted = out.json["fitted"] if out.json else None
    return out


def explain(scenario, replicate, seed=None, set=None, protocol=None):
    """Replays one replicate exactly as the big run plays it, as `parley explain`."""
    return Explanation(_explain(_request(scenario, None, seed, set, protocol), int(replicate)))
