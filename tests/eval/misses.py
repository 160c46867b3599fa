#!/usr/bin/env python3
"""List how a judged set's requests rank, for development sets only (never a held-out set).

    python3 tests/eval/misses.py INDEX_BUILDER INDEX SET.jsonl [--catalog F] [--only viol|miss|all] [--style S]

For each request: the rank of the first model its judge accepts in the top 10 (`first=None` when
none), how many of the top 10 break its stated constraints (`check_set.violates`), the intents and
notices the engine read, and the ten results marked OK (accepted) or VIO (violating). `--only viol`
keeps requests with a violating result, `--only miss` those with no accepted model in the top 10.
The catalog defaults to ../shared/data/hf-models.jsonl beside the checkout.
"""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_set import satisfies, violates  # noqa: E402


def option(name, default=None):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    ib, idx, path = sys.argv[1:4]
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    catalog = option("--catalog", os.path.join(root, "..", "shared", "data", "hf-models.jsonl"))
    only, style = option("--only", "all"), option("--style")
    reqs = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    if style:
        reqs = [r for r in reqs if r.get("style") == style]
    lines = "".join(json.dumps({"id": r["id"], "request": r["request"]}) + "\n" for r in reqs)
    run = subprocess.run([ib, "search", "--index", idx, "--requests", "-", "--top", "10"], input=lines, capture_output=True, text=True)
    if run.returncode not in (0, 1):
        sys.exit(run.stderr)
    outs = [json.loads(line) for line in run.stdout.splitlines()]
    shown = {x["id"] for o in outs for x in o.get("results", [])}
    models = {}
    with open(catalog, encoding="utf-8") as fh:
        for line in fh:
            m = json.loads(line)
            if m["id"] in shown:
                models[m["id"]] = m
    for r, o in zip(reqs, outs):
        res = [x for x in o.get("results", []) if x["id"] in models]
        first = next((k + 1 for k, x in enumerate(res) if satisfies(models[x["id"]], r["judge"])), None)
        bad = {x["id"] for x in res if violates(models[x["id"]], r.get("constraints", {}))}
        if (only == "viol" and not bad) or (only == "miss" and first is not None):
            continue
        print(f"== {r['id']} [{r.get('style')}/{r.get('lang', 'en')}] first={first} violating={len(bad)}")
        print("   request", json.dumps(r["request"], ensure_ascii=False)[:500])
        for key in ("intents", "notices"):
            if o.get(key):
                print("  ", key, json.dumps(o[key], ensure_ascii=False)[:600])
        for x in res:
            m = models[x["id"]]
            mark = "OK " if satisfies(m, r["judge"]) else ("VIO" if x["id"] in bad else "   ")
            print(f"   {mark} {x['id'][:55]:55} {str(m.get('pipeline_tag'))[:24]:24} {str(m.get('license'))[:14]:14} {m.get('params')}")


if __name__ == "__main__":
    main()
