"""`import parley` against the CLI: the same scenario, overrides, seed and
replicates give the very bytes `parley COMMAND --out DIR` writes, parsed
(run by ctest with PYTHONPATH at build/python and PARLEY_BIN at the parley
binary)."""
import json
import os
import signal
import subprocess
import threading
import time

import numpy as np
import pandas as pd
import pytest
import yaml

import parley

SOURCE = os.path.join(os.path.dirname(__file__), "..", "..")
BASELINE = os.path.join(SOURCE, "scenarios", "ukraine", "baseline.yaml")
US_PRESSURE = os.path.join(SOURCE, "scenarios", "ukraine", "us_pressure.yaml")
FEARON = os.path.join(SOURCE, "scenarios", "textbook", "fearon.yaml")
CEASEFIRE = os.path.join(SOURCE, "scenarios", "examples", "ceasefire_uncertain.yaml")


def cli(*args):
    subprocess.run([os.environ["PARLEY_BIN"], *args, "--quiet"], check=True)


def read_csv(path):
    # pandas' default parser is off by one ulp on about half of parley's numbers.
    return pd.read_csv(path, float_precision="round_trip")


def files_of(directory):
    out = {}
    for root, _, names in os.walk(directory):
        for name in names:
            path = os.path.join(root, name)
            with open(path, encoding="utf-8") as f:
                out[os.path.relpath(path, directory)] = f.read()
    return out


def test_run_equals_the_cli(tmp_path):
    rows_path = tmp_path / "rows.csv"
    cli("run", BASELINE, "-n", "300", "--seed", "7", "--set", "rounds.horizon=26", "--protocol", "alternating_offers",
        "--out", str(tmp_path / "out"), "--replicates", str(rows_path))
    r = parley.run(BASELINE, n=300, seed=7, set={"rounds.horizon": 26}, protocol="alternating_offers", threads=2)
    assert r.complete
    assert r.files == files_of(tmp_path / "out")  # the very bytes
    assert r.summary == json.loads(r.files["summary.json"])
    pd.testing.assert_frame_equal(r.issues, read_csv(tmp_path / "out" / "issues.csv"))
    pd.testing.assert_frame_equal(r.bundles, read_csv(tmp_path / "out" / "bundles.csv"))

    # The rows: the CLI's columns, in order, with the same values, typed.
    rows = read_csv(rows_path)
    t = r.replicates
    assert list(t.columns) == list(rows.columns)
    assert t["deal"].dtype == bool and t["replicate"].dtype == np.int64
    assert str(t["round"].dtype) == "Int64" and str(t["fired_round.drone_wave"].dtype) == "Int64"
    crimea = t["terms.crimea"]
    assert crimea.dtype.name == "category" and crimea.cat.ordered
    assert list(crimea.cat.categories) == list(r.summary["issues"]["crimea"]["p"].keys())
    assert list(t["cause"].cat.categories) == ["deal"] + list(r.summary["no_deal"].keys())
    assert list(t["proposer"].cat.categories) == list(r.summary["actors"].keys())
    assert t["cause"].cat.ordered and t["proposer"].cat.ordered
    for column in rows.columns:
        mine, theirs = t[column], rows[column]
        if mine.dtype.name == "category" or mine.dtype == object:
            assert (mine.astype(object).where(mine.notna(), "") == theirs.fillna("").astype(str)).all(), column
        elif str(mine.dtype) == "Int64":
            assert (mine.isna().to_numpy() == theirs.isna().to_numpy()).all(), column
            assert (mine.dropna().astype(np.int64).to_numpy() == theirs.dropna().astype(np.int64).to_numpy()).all(), column
        elif mine.dtype == bool:
            assert (mine.to_numpy() == theirs.astype(bool).to_numpy()).all(), column
        else:  # floats to the last bit, NaN where the CSV is empty
            a, b = mine.to_numpy(dtype=float), theirs.to_numpy(dtype=float)
            assert ((a == b) | (np.isnan(a) & np.isnan(b))).all(), column
    assert (t["gain.russia"][~t["deal"]] == 0).all()


def test_threads_do_not_change_results():
    one = parley.run(FEARON, n=3000, threads=1)
    two = parley.run(FEARON, n=3000, threads=2)
    assert one.files == two.files
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
    # The tuning commands take text too.
    swept = parley.sweep(text, vary={"actors.b.war_cost.high": [0.3, 0.4]}, n=200)
    assert swept.table.shape[0] == 2


def test_input_errors_raise_scenario_error_with_the_location():
    with pytest.raises(parley.ScenarioError) as error:
        parley.run(FEARON, set={"actors.b.discount": 2})
    assert "--set:1:" in str(error.value) and "actors.b.discount" in str(error.value)
    with pytest.raises(parley.ScenarioError) as error:
        parley.run("parley: 1\nname: broken\n")
    assert "<scenario>:1:1: rounds: missing required key" in str(error.value)
    with pytest.raises(parley.UsageError) as error:
        parley.run(FEARON, protocol="nahs")
    assert "did you mean `nash`" in str(error.value)
    with pytest.raises(parley.ScenarioError) as error:
        parley.sweep(FEARON, vary={"actors.b.war_cost.hihg": (0.2, 0.4, 3)})
    assert "--vary:1:" in str(error.value)


def test_the_protocols_side_by_side_equal_the_cli(tmp_path):
    cli("run", CEASEFIRE, "-n", "400", "--protocol", "all", "--out", str(tmp_path / "all"))
    e = parley.run(CEASEFIRE, n=400, protocol="all")
    assert e.files == files_of(tmp_path / "all")
    assert set(e.protocols) == {p for p in e.ensemble["protocols"] if e.ensemble["protocols"][p]["status"] == "ran"}


def test_compare_equals_the_cli(tmp_path):
    cli("compare", BASELINE, US_PRESSURE, "-n", "400", "--out", str(tmp_path))
    c = parley.compare(BASELINE, US_PRESSURE, n=400)
    assert c.files == files_of(tmp_path)
    assert c.metrics.set_index("metric").loc["deal.p", "delta"] == c.json["metrics"]["deal.p"]["delta"]


def test_sweep_equals_the_cli(tmp_path):
    cli("sweep", FEARON, "--vary", "actors.b.war_cost.high=0.2:0.6:3", "--metric", "deal.p", "--metric",
        "rounds.mean", "-n", "500", "--out", str(tmp_path))
    s = parley.sweep(FEARON, vary={"actors.b.war_cost.high": (0.2, 0.6, 3)}, metrics=["deal.p", "rounds.mean"], n=500)
    assert s.files == files_of(tmp_path)
    pd.testing.assert_frame_equal(s.table, read_csv(tmp_path / "sweep.csv"))


def test_sensitivity_equals_the_cli(tmp_path):
    cli("sensitivity", CEASEFIRE, "--method", "oat", "-n", "200", "--out", str(tmp_path))
    s = parley.sensitivity(CEASEFIRE, method="oat", n=200)
    assert s.files == files_of(tmp_path)
    pd.testing.assert_frame_equal(s.table, read_csv(tmp_path / "sensitivity.csv"))


def test_calibrate_equals_the_cli(tmp_path):
    cli("calibrate", FEARON, "--free", "actors.b.war_cost.high=0.2:0.6", "--target", "deal.p=0.7", "-n", "400",
        "--budget", "12", "--out", str(tmp_path / "out"), "--write", str(tmp_path / "cli.yaml"))
    c = parley.calibrate(FEARON, free={"actors.b.war_cost.high": (0.2, 0.6)}, targets={"deal.p": 0.7}, n=400,
                         budget=12, write=tmp_path / "py.yaml")
    assert c.files == files_of(tmp_path / "out")
    assert set(c.fitted) == {"actors.b.war_cost.high"}
    # The fitted scenarios differ only in where they are; both run.
    assert c.written == (tmp_path / "py.yaml").read_text()
    assert parley.run(tmp_path / "py.yaml").summary["deal"] == parley.run(tmp_path / "cli.yaml").summary["deal"]


def test_explain_equals_the_cli():
    text = subprocess.run([os.environ["PARLEY_BIN"], "explain", BASELINE, "--replicate", "17"], check=True,
                          capture_output=True, text=True).stdout
    as_json = subprocess.run([os.environ["PARLEY_BIN"], "explain", BASELINE, "--replicate", "17", "--json"],
                             check=True, capture_output=True, text=True).stdout
    e = parley.explain(BASELINE, 17)
    assert e.text == text
    assert e.json == json.loads(as_json)
    assert len(e.steps) == len(e.json["steps"])
    # Its row is the run's row for replicate 17.
    rows = parley.run(BASELINE, n=18).replicates
    assert e.row["cause"] == str(rows["cause"].iloc[17])
    assert float(e.row["value.russia"]) == rows["value.russia"].iloc[17]


def test_ctrl_c_returns_what_was_done_marked_incomplete():
    timer = threading.Timer(0.5, lambda: os.kill(os.getpid(), signal.SIGINT))
    start = time.monotonic()
    timer.start()
    with pytest.warns(RuntimeWarning, match="interrupted"):
        r = parley.run(BASELINE, n=2_000_000, threads=2)
    timer.join()
    assert time.monotonic() - start < 60  # stopped, not run to the end (about 400 s here)
    assert not r.complete
    done = r.summary["replicates_done"]
    assert 0 < done < 2_000_000 and len(r.replicates) == done
    # What was done is the first `done` replicates of the run.
    full = parley.run(BASELINE, n=done, threads=2)
    pd.testing.assert_frame_equal(r.replicates, full.replicates)
    assert r.summary["deal"]["p"] == full.summary["deal"]["p"]


def test_a_million_rows():
    r = parley.run(FEARON, n=1_000_000, threads=2)
    rows = r.replicates
    assert len(rows) == 1_000_000 and rows["replicate"].iloc[-1] == 999_999
    assert rows["deal"].mean() == r.summary["deal"]["p"]
    # Fearon: B accepts exactly when its drawn war cost is at least 0.125.
    assert ((rows["actors.b.war_cost"] >= 0.125) == rows["deal"]).all()


def test_regress_outcomes_on_the_drawn_inputs():
    rows = parley.run(BASELINE, n=2000).replicates
    x = np.column_stack([np.ones(len(rows)), rows["actors.russia.war_cost"], rows["actors.ukraine.war_cost"]])
    beta, *_ = np.linalg.lstsq(x, rows["deal"].astype(float), rcond=None)
    assert np.isfinite(beta).all()
