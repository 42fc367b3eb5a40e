#!/usr/bin/env python3
"""Merges result files of `./automl4j benchmark meta` (e.g. one per dataset or part) into one.

Usage: bench/scripts/merge_meta.py OUT.json IN1.json IN2.json ...

Runs are concatenated; per-dataset summary entries are merged part by part and the totals of the
`warm` and `fit60` parts are recomputed over all datasets with the same rules the benchmark uses.
"""
import json
import sys


def main(out, inputs):
    docs = [json.load(open(p)) for p in inputs]
    merged = {k: docs[0][k] for k in ("benchmark", "commit", "date", "machine", "knowledge_base", "protocol")}
    merged["command"] = [d["command"] for d in docs]
    merged["commits"] = sorted({d["commit"] for d in docs})
    merged["dates"] = [d["date"] for d in docs]
    merged["runs"] = [r for d in docs for r in d["runs"]]
    summary = {}
    for d in docs:
        for part, s in d["summary"].items():
            if isinstance(s, dict):
                summary.setdefault(part, {}).update(s)
            else:
                summary[part] = s
    warm = summary.get("warm")
    if warm:
        per = {k: v for k, v in warm.items() if isinstance(v, dict)}
        warm["datasets"] = len(per)
        warm["datasets_warm_at_least_cold"] = sum(1 for v in per.values() if v["warm_at_least_cold"])
        warm["target_met"] = warm["datasets_warm_at_least_cold"] >= min(8, len(per))
        shrink_keys = [k for k in next(iter(per.values())) if k.startswith("warm_shrink_at_")]
        if shrink_keys:
            n = shrink_keys[0][len("warm_shrink_at_"):]
            compared = [v for v in per.values() if v["warm_shrink_at_" + n] != v["warm_at_" + n]]
            better = 0
            for name, v in per.items():
                if v in compared:
                    greater = next(r for r in merged["runs"] if r.get("part") == "warm" and r["dataset"] == name)[
                        "metric"] not in ("rmse", "mae", "log_loss")
                    better += (v["warm_shrink_at_" + n] > v["warm_at_" + n]) == greater
            warm["datasets_shrink_compared"] = len(compared)
            warm["datasets_shrink_better_at_" + n] = better
    for part in [p for p in summary if p.startswith("fit")]:
        per = {k: v for k, v in summary[part].items() if isinstance(v, dict)}
        for o in ("win", "tie", "loss"):
            summary[part][o + "s" if o != "loss" else "losses"] = sum(1 for v in per.values() if v["outcome"] == o)
    merged["summary"] = summary
    json.dump(merged, open(out, "w"), indent=2)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
