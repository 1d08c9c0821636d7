"""Prints the median over rounds of each scenario/variant, before and after, from before-N.json / after-N.json."""
import glob, json, os, re, statistics, sys

folder = sys.argv[1]
rows = {}
for side in ("before", "after"):
    for path in sorted(glob.glob(os.path.join(folder, f"{side}-*.json"))):
        with open(path) as f:
            report = json.load(f)
        for r in report["results"]:
            # Store sizes differ between runs (seeding is bounded by time): rows match by scenario, not by count.
            key = (r["scenario"], re.sub(r"\d+ servers", "N servers", r["variant"]))
            entry = rows.setdefault(key, {"before": [], "after": []})
            entry[side].append(r)

def med(results, field):
    values = [r["latency"][field] for r in results if r.get("latency")]
    return round(statistics.median(values), 1) if values else None

def notes(results):
    return "; ".join(sorted({f'{r["variant"]}: {r.get("note") or ""}' for r in results}))[:160]

print("| scenario | variant | before p50 ms | after p50 ms | before p99 ms | after p99 ms | before /s | after /s | errors before/after | variant and note (after) |")
print("|---|---|---|---|---|---|---|---|---|---|")
for (scenario, variant), sides in rows.items():
    b, a = sides["before"], sides["after"]
    errors = f"{sum(r['latency']['errors'] for r in b if r.get('latency'))}/{sum(r['latency']['errors'] for r in a if r.get('latency'))}"
    print(f"| {scenario} | {variant} | {med(b, 'p50_ms')} | {med(a, 'p50_ms')} | {med(b, 'p99_ms')} | {med(a, 'p99_ms')} | {med(b, 'per_second')} | {med(a, 'per_second')} | {errors} | {notes(a)} |")
