#!/usr/bin/env python3
"""Check the judged evaluation set against the model catalog.

Usage (the set defaults to requests.jsonl; --requests picks holdout.jsonl, people.jsonl, …):
    python3 tests/eval/check_set.py [CATALOG_JSONL] [--requests PATH] [--min N] [--show K]

CATALOG_JSONL defaults to ../shared/data/hf-models.jsonl relative to the
repository root (the root is two directories above this file). For every
request in requests.jsonl it prints the number of catalog models that fully
satisfy the request's `judge` predicate (semantics in README.md).

Exit status: 0 if every request has at least --min (default 3) satisfying
models; 1 if any request has none; 3 if none is empty but some request has
fewer than --min (flagged "LOW"); 2 if requests.jsonl is malformed.
Standard library only.
"""
import argparse
import json
import os
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(os.path.dirname(HERE))
DEFAULT_CATALOG = os.path.join(REPO_ROOT, "..", "shared", "data", "hf-models.jsonl")
DEFAULT_REQUESTS = os.path.join(HERE, "requests.jsonl")

REQUEST_FIELDS = {
    "function", "input_format", "output_format", "task", "language", "license",
    "parameter_size", "model_size", "hardware", "dataset", "domain", "base_model",
    "fine_tuning", "limitations", "biases", "evaluation", "framework", "software",
    "others",
}
JUDGE_KEYS = {"task_any", "license_any", "language_any", "max_params",
              "min_params", "keywords_any", "id_any"}
CONSTRAINT_KEYS = {"license_any", "max_params", "min_params"}
# Sets written the way people type (people.jsonl, people-holdout.jsonl) tag each request with a
# `style` and optional analysis tags; older sets carry none of these keys.
STYLES = {"terse", "plain", "form", "constraint", "paper"}
LANGS = {"de", "es", "fr", "pt", "it", "zh", "ja", "ko", "ru", "ar"}


def _present(value):
    """A judge key takes part only when present, non-null and non-empty."""
    return value is not None and value != [] and value != ""


def satisfies(model, judge):
    """True when `model` (a catalog record) fully satisfies `judge`.

    Every present, non-null, non-empty key must hold (AND):
      task_any     pipeline_tag in list
      license_any  license in list (null license fails)
      language_any some element of languages in list (empty languages fails)
      max_params   params known and <= max_params
      min_params   params known and >= min_params
      keywords_any some keyword is a case-insensitive substring of id or card
      id_any       id in list, case-insensitive
    """
    v = judge.get("task_any")
    if _present(v) and model.get("pipeline_tag") not in v:
        return False
    v = judge.get("license_any")
    if _present(v) and (model.get("license") is None or model["license"] not in v):
        return False
    v = judge.get("language_any")
    if _present(v):
        langs = model.get("languages") or []
        if not any(lang in v for lang in langs):
            return False
    params = model.get("params")
    v = judge.get("max_params")
    if _present(v) and (params is None or params > v):
        return False
    v = judge.get("min_params")
    if _present(v) and (params is None or params < v):
        return False
    v = judge.get("keywords_any")
    if _present(v):
        text = (model.get("id") or "") + "\n" + (model.get("card") or "")
        text = text.lower()
        if not any(k.lower() in text for k in v):
            return False
    v = judge.get("id_any")
    if _present(v):
        if (model.get("id") or "").lower() not in {i.lower() for i in v}:
            return False
    return True


def violates(model, constraints):
    """True when a model in a ranked list breaks a stated hard constraint.

    Unknown values are not violations: a null (or "unknown"/"other") license
    never violates license_any, null params never violate max/min_params.
    (Provided for evaluation harnesses; check_set itself does not use it.)
    """
    lic = constraints.get("license_any")
    license_ = model.get("license")
    if _present(lic) and license_ not in (None, "unknown", "other") and license_ not in lic:
        return True
    params = model.get("params")
    if params is not None:
        v = constraints.get("max_params")
        if _present(v) and params > v:
            return True
        v = constraints.get("min_params")
        if _present(v) and params < v:
            return True
    return False


def load_requests(path):
    requests, problems = [], []
    seen = set()
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            line = line.strip()
            if not line:
                continue
            try:
                r = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append("line %d: invalid JSON (%s)" % (lineno, exc))
                continue
            rid = r.get("id")
            if not rid:
                problems.append("line %d: missing id" % lineno)
            elif rid in seen:
                problems.append("line %d: duplicate id %s" % (lineno, rid))
            seen.add(rid)
            req = r.get("request")
            if not isinstance(req, dict) or not req:
                problems.append("%s: empty or missing request" % rid)
            else:
                bad = set(req) - REQUEST_FIELDS
                if bad:
                    problems.append("%s: unknown request fields %s" % (rid, sorted(bad)))
            judge = r.get("judge")
            if not isinstance(judge, dict) or not any(_present(judge.get(k)) for k in JUDGE_KEYS):
                problems.append("%s: judge missing or empty" % rid)
            elif set(judge) - JUDGE_KEYS:
                problems.append("%s: unknown judge keys %s" % (rid, sorted(set(judge) - JUDGE_KEYS)))
            style = r.get("style")
            if style is not None and style not in STYLES:
                problems.append("%s: unknown style %r (one of %s)" % (rid, style, sorted(STYLES)))
            lang = r.get("lang")
            if lang is not None and lang not in LANGS:
                problems.append("%s: unknown lang %r (one of %s)" % (rid, lang, sorted(LANGS)))
            for flag in ("typo", "misleading"):
                if flag in r and r[flag] is not True:
                    problems.append("%s: %s must be true when present" % (rid, flag))
            cons = r.get("constraints", {})
            if not isinstance(cons, dict) or set(cons) - CONSTRAINT_KEYS:
                problems.append("%s: bad constraints" % rid)
            requests.append(r)
    return requests, problems


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("catalog", nargs="?", default=DEFAULT_CATALOG)
    ap.add_argument("--requests", default=DEFAULT_REQUESTS)
    ap.add_argument("--min", type=int, default=3, help="flag requests below this count (default 3)")
    ap.add_argument("--show", type=int, default=0, help="also print the K most-downloaded satisfying ids")
    args = ap.parse_args(argv)

    requests, problems = load_requests(args.requests)
    if problems:
        for p in problems:
            print("ERROR", p, file=sys.stderr)
        return 2

    matches = {r["id"]: [] for r in requests}
    n_models = 0
    with open(args.catalog, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            m = json.loads(line)
            n_models += 1
            for r in requests:
                if satisfies(m, r["judge"]):
                    matches[r["id"]].append(m)

    counts = []
    low = 0
    zero = 0
    width = max(len(r["id"]) for r in requests)
    for r in requests:
        ms = matches[r["id"]]
        n = len(ms)
        counts.append(n)
        flag = ""
        if n < 1:
            zero += 1
            flag = "  NONE"
        elif n < args.min:
            low += 1
            flag = "  LOW"
        print("%-*s %6d%s" % (width, r["id"], n, flag))
        if args.show:
            ms.sort(key=lambda m: -(m.get("downloads") or 0))
            for m in ms[:args.show]:
                print("    %s" % m["id"])

    tasks = set()
    for r in requests:
        tasks.update(t for t in (r["judge"].get("task_any") or []) if t)
    print("-" * (width + 7))
    print("catalog models: %d  requests: %d  distinct judged tasks: %d" % (n_models, len(requests), len(tasks)))
    print("satisfying models per request: min %d  median %g  max %d" % (
        min(counts), statistics.median(counts), max(counts)))
    print("requests below %d: %d   with none: %d" % (args.min, low, zero))
    if any("style" in r for r in requests):
        styles = {}
        for r in requests:
            styles[r.get("style", "-")] = styles.get(r.get("style", "-"), 0) + 1
        langs = {}
        for r in requests:
            if r.get("lang"):
                langs[r["lang"]] = langs.get(r["lang"], 0) + 1
        print("styles: %s" % "  ".join("%s %d" % kv for kv in sorted(styles.items())))
        print("not in English: %d (%s)   with typos: %d   misleading: %d" % (
            sum(langs.values()), " ".join("%s %d" % kv for kv in sorted(langs.items())),
            sum(1 for r in requests if r.get("typo")), sum(1 for r in requests if r.get("misleading"))))
    if zero:
        return 1
    if low:
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main())
