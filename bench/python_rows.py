"""What `parley.run` costs beyond the simulation when it also returns the
per-replicate DataFrame: the same run with and without rows, best of
three, and the table's memory. Run with the package on the path:

    PYTHONPATH=build/python /usr/bin/python3 bench/python_rows.py [SCENARIO] [N]
"""
import os
import sys
import time

import parley

scenario = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "scenarios",
                                                                "textbook", "fearon.yaml")
n = int(float(sys.argv[2])) if len(sys.argv) > 2 else 1_000_000


def best(rows):
    times = []
    for _ in range(3):
        start = time.perf_counter()
        r = parley.run(scenario, n=n, threads=2, replicates=rows)
        times.append(time.perf_counter() - start)
    return min(times), r


without, _ = best(False)
with_rows, r = best(True)
table = r.replicates
print(f"{os.path.basename(scenario)}, {n} replicates, 2 threads: without rows {without:.3f} s, with rows "
      f"{with_rows:.3f} s, difference {with_rows - without:.3f} s; table {table.shape[0]} x {table.shape[1]}, "
      f"{table.memory_usage(deep=True).sum() / 1e6:.0f} MB")
