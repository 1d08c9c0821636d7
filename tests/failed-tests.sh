#!/usr/bin/env bash
# Prints each failed test of the given TRX files with the first lines of its error message, so that the end
# of a long CI log says what failed without scrolling through thousands of passed lines.
set -euo pipefail
python3 - "$@" <<'PY'
import sys
import xml.etree.ElementTree as ET

ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
for path in sys.argv[1:]:
    for result in ET.parse(path).getroot().iterfind(".//t:UnitTestResult", ns):
        if result.get("outcome") != "Failed":
            continue
        print(f"  {result.get('testName')} [{result.get('duration')}]")
        message = result.find(".//t:ErrorInfo/t:Message", ns)
        lines = (message.text or "").strip().splitlines() if message is not None else []
        for line in lines[:12]:
            print(f"    {line}")
        trace = result.find(".//t:ErrorInfo/t:StackTrace", ns)
        frames = [l.strip() for l in (trace.text or "").splitlines() if "OrleansCompute" in l] if trace is not None else []
        for frame in frames[:4]:
            print(f"    {frame}")
PY
