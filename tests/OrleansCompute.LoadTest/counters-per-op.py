#!/usr/bin/env python3
"""Sums a dotnet-counters CSV (run.sh with COUNTERS=<file>) per counter and divides by the operations the run made.

  tests/OrleansCompute.LoadTest/counters-per-op.py <counters.csv> <operations>

Every row of an observable counter is its increment over one refresh, so the sum is what the host did between the
first and the last refresh: allocated bytes, group-commit transactions, commands and prepares.
"""
import csv
import sys
from collections import defaultdict

path, operations = sys.argv[1], int(sys.argv[2])
totals = defaultdict(float)
with open(path, newline="") as f:
    for row in csv.DictReader(f):
        name = row["Counter Name"].split(" (")[0]
        totals[name] += float(row["Mean/Increment"] or 0)

print(f"| counter | total | per operation ({operations}) |")
print("|---|---|---|")
for name in sorted(totals):
    print(f"| {name} | {totals[name]:,.0f} | {totals[name] / operations:,.1f} |")
