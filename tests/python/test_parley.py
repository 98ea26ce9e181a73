"""`import parley` against the CLI: the same scenario, overrides, seed and
replicates give the very numbers `parley run` writes (run by ctest with
PYTHONPATH at build/python and PARLEY_BIN at the parley binary)."""
import io
import json
import os
import subprocess

import pandas as pd
import pytest
import yaml

import parley

SOURCE = os.path.join(os.path.dirname(__file__), "..", "..")
BASELINE = os.path.join(SOURCE, "scenarios", "ukraine", "baseline.yaml")
FEARON = os.path.join(SOURCE, "scenarios", "textbook", "fearon.yaml")


def cli_run(tmp_path, *args):
    out = tmp_path / "out"
    rows = tmp_path / "rows.csv"
    subprocess.run([os.environ["PARLEY_BIN"], "run", *args, "--out", str(out), "--replicates", str(rows), "--quiet"],
                   check=True)
    with open(out / "summary.json") as f:
        summary = json.load(f)
    return summary, pd.read_csv(out / "issues.csv"), pd.read_csv(out / "bundles.csv"), pd.read_csv(rows)


def test_run_equals_the_cli(tmp_path):
    summary, issues, bundles, rows = cli_run(tmp_path, BASELINE, "-n", "300", "--seed", "7", "--set",
                                             "rounds.horizon=26", "--protocol", "alternating_offers")
    r = parley.run(BASELINE, n=300, seed=7, set={"rounds.horizon": 26}, protocol="alternating_offers", threads=2)
    assert r.complete
    assert r.summary == summary
    pd.testing.assert_frame_equal(r.issues, issues)
    pd.testing.assert_frame_equal(r.bundles, bundles)
    # The rows: the same numbers, typed (bools, ordered categoricals, nullable ints).
    assert list(r.replicates.columns) == list(rows.columns)
    assert r.replicates["deal"].dtype == bool
    crimea = r.replicates["terms.crimea"]
    assert crimea.dtype.name == "category" and crimea.cat.ordered
    assert list(crimea.cat.categories) == list(summary["issues"]["crimea"]["p"].keys())
    for column in ["value.russia", "gain.ukraine", "actors.russia.war_cost", "protocol.breakdown"]:
        assert (r.replicates[column].to_numpy() == rows[column].to_numpy()).all(), column
    assert (r.replicates["gain.russia"][~r.replicates["deal"]] == 0).all()


def test_threads_do_not_change_results():
    one = parley.run(FEARON, n=400, threads=1)
    two = parley.run(FEARON, n=400, threads=2)
    assert one.summary == two.summary
    pd.testing.assert_frame_equal(one.replicates, two.replicates)


def test_a_scenario_as_text_or_dict_is_the_file():
    with open(FEARON) as f:
        text = f.read()
    by_path = parley.run(FEARON, n=200)
    by_text = parley.run(text, n=200)
    by_dict = parley.run(yaml.safe_load(text), n=200)
    for other in (by_text, by_dict):
        assert other.summary["deal"] == by_path.summary["deal"]
        assert other.summary["actors"] == by_path.summary["actors"]


def test_input_errors_raise_scenario_error_with_the_location():
    with pytest.raises(parley.ScenarioError) as error:
        parley.run(FEARON, set={"actors.b.discount": 2})
    assert "--set:1:" in str(error.value) and "actors.b.discount" in str(error.value)
    with pytest.raises(parley.ScenarioError) as error:
        parley.run("parley: 1\nname: broken\n")
    assert "<scenario>:1:1: rounds: missing required key" in str(error.value)


def test_regress_outcomes_on_the_drawn_inputs():
    # Fearon: B accepts exactly when its drawn war cost is at least 0.125.
    rows = parley.run(FEARON, n=1000).replicates
    assert ((rows["actors.b.war_cost"] >= 0.125) == rows["deal"]).all()
