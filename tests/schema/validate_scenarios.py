#!/usr/bin/python3
"""Checks docs/scenario.schema.json against the shipped scenarios and typos.

usage: validate_scenarios.py SCHEMA SOURCE_DIR

Every scenario file under scenarios/ (and tests/data/*.yaml) must validate;
each typical mistake below, applied to a valid file, must be rejected. Uses
Debian's python3-jsonschema and python3-yaml; exit 1 on any failure.
"""
import copy
import glob
import json
import os
import sys

import jsonschema
import yaml


def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def main():
    schema_path, source = sys.argv[1], sys.argv[2]
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)
    failures = 0
    files = sorted(glob.glob(os.path.join(source, "scenarios", "*", "*.yaml")))
    files += sorted(glob.glob(os.path.join(source, "tests", "data", "*.yaml")))
    for path in files:
        errors = list(validator.iter_errors(load(path)))
        if errors:
            failures += 1
            print(f"FAIL {path}: {errors[0].message} at {list(errors[0].absolute_path)}")
    print(f"{len(files) - failures} of {len(files)} shipped scenarios validate")

    base = load(os.path.join(source, "scenarios", "examples", "minimal.yaml"))
    first_actor = next(iter(base["actors"]))

    def mutate(change):
        doc = copy.deepcopy(base)
        change(doc)
        return doc

    typos = {
        "unknown top-level key (montecarl)": lambda d: d.__setitem__("montecarl", d.pop("montecarlo")),
        "actor key typo (salinece)": lambda d: d["actors"][first_actor].__setitem__(
            "salinece", d["actors"][first_actor].pop("salience")),
        "unknown protocol kind": lambda d: d["protocol"].__setitem__("kind", "nahs"),
        "another protocol's parameter at the top (q under alternating_offers)":
            lambda d: d["protocol"].__setitem__("q", 0.5),
        "block key typo (protocol.nash.wieghts)": lambda d: d["protocol"]["nash"].__setitem__(
            "wieghts", d["protocol"]["nash"].pop("weights")),
        "distribution key typo (hihg)": lambda d: d["protocol"].__setitem__(
            "breakdown", {"dist": "uniform", "low": 0, "hihg": 0.1}),
        "unknown distribution": lambda d: d["protocol"].__setitem__("breakdown", {"dist": "gamma", "low": 0}),
        "rounds.horizon not an integer": lambda d: d["rounds"].__setitem__("horizon", "ten"),
        "montecarlo.replicates < 1": lambda d: d["montecarlo"].__setitem__("replicates", 0),
        "missing name": lambda d: d.pop("name"),
        "veto not a boolean": lambda d: d["actors"][first_actor].__setitem__("veto", "yes"),
        "event without effects": lambda d: d["events"][0].pop("effects"),
        "effect op typo (ad)": lambda d: d["events"][0]["effects"][0].__setitem__("ad", 0.1),
        "schema version 2": lambda d: d.__setitem__("parley", 2),
    }
    for name, change in typos.items():
        if validator.is_valid(mutate(change)):
            failures += 1
            print(f"FAIL: the schema accepts a typo: {name}")
    print(f"{len(typos)} typical mistakes checked")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
