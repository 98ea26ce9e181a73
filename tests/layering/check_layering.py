"""The engine's stages include only downward (CMakeLists.txt, parley_stage):
for each stage, a source compiled with that stage's own flags (from
compile_commands.json) can include its own headers and those below, and
fails to compile when it includes a header of a stage above (or beside) it.

Usage: check_layering.py BUILD_DIR SOURCE_DIR
"""
import json
import os
import shlex
import subprocess
import sys
import tempfile

# stage: (a header it may include, a header it must not reach)
CASES = {
    "core": ("core/error.h", "scenario/spec.h"),
    "schemas": ("protocols/schemas.h", "scenario/load.h"),
    "scenario": ("protocols/schemas.h", "model/scenario.h"),
    "model": ("scenario/spec.h", "protocols/protocol.h"),
    "protocols": ("model/world.h", "montecarlo/runner.h"),
    "stats": ("model/outcome.h", "protocols/protocol.h"),
    "montecarlo": ("protocols/protocol.h", "output/summary.h"),
    "output": ("stats/accumulator.h", "montecarlo/runner.h"),
    "tuning": ("montecarlo/runner.h", "api/run.h"),
    "api": ("tuning/sweep.h", "cli/run_shared.h"),
}


def main():
    build, source = sys.argv[1], os.path.abspath(sys.argv[2])
    with open(os.path.join(build, "compile_commands.json")) as f:
        commands = json.load(f)
    failures = 0
    for stage, (allowed, forbidden) in CASES.items():
        # Any source of this stage's library (unity batches included).
        entry = next((c for c in commands if f"/parley_{stage}.dir/" in c.get("output", c["command"])), None)
        if entry is None:
            print(f"FAIL {stage}: no compile command for parley_{stage}")
            failures += 1
            continue
        args = shlex.split(entry["command"])
        # Drop the output and the source; keep the flags and include paths.
        flags = []
        skip = False
        for a in args[1:]:
            if skip:
                skip = False
                continue
            if a in ("-o", "-c", "-MF", "-MT", "-MQ"):
                skip = a != "-c"
                continue
            if a.endswith((".cpp", ".cxx")) or a in ("-MD", "-MMD"):
                continue
            flags.append(a)
        if any(f == "-I" + os.path.join(source, "engine") for f in flags):
            print(f"FAIL {stage}: compiled with the whole engine on its include path")
            failures += 1
        for header, should_compile in ((allowed, True), (forbidden, False)):
            with tempfile.NamedTemporaryFile("w", suffix=".cpp", delete=False) as probe:
                probe.write(f'#include "{header}"\n')
            result = subprocess.run([args[0], *flags, "-fsyntax-only", probe.name], cwd=entry["directory"],
                                    capture_output=True, text=True)
            os.unlink(probe.name)
            if (result.returncode == 0) != should_compile:
                what = "cannot include" if should_compile else "can include"
                print(f"FAIL {stage}: {what} {header}\n{result.stderr[-400:]}")
                failures += 1
            else:
                print(f"ok: {stage} {'includes' if should_compile else 'cannot include'} {header}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
