#!/usr/bin/env python3
"""Draw the `heldout5` sample of the extraction gold set (ids only, no card text).

Usage: sample_heldout5.py CATALOG GOLD SPOT > heldout5-ids.txt

Why a script: the sample must be reproducible and frozen before anyone looks at extractor
output, so the draw depends only on the catalog, the existing gold ids and a fixed seed.
Stratified like heldout2, heldout3 and heldout4 (popularity tier x kind, round-robin over tasks inside a stratum),
plus fewer stress cards (8 asked for, ~50 in all) for the facts the extractor is weakest on;
the non-English predicate's cards are all in the gold set already, so it draws none. Every id already in the
gold set (any split but heldout5) or the spot-check set is excluded; the seed differs from
heldout4's, so the draw is a new one. A stratum with too few
unused cards passes its shortfall to the same kind one tier lower. Each output line is
`id<TAB>stratum`.
"""
import json
import random
import re
import sys

SEED = 20261209
QUOTAS = {  # (tier, kind): n -- heldout2's quotas
    ("top", "plain"): 8, ("mid", "plain"): 8, ("low", "plain"): 6,
    ("top", "quantized"): 3, ("mid", "quantized"): 4, ("low", "quantized"): 4,
    ("top", "adapter"): 1, ("mid", "adapter"): 3, ("low", "adapter"): 4,
}
QUANT = re.compile(r"gguf|awq|gptq|exl2|bnb|bitsandbytes|4bit|8bit", re.I)
ADAPTER = re.compile(r"lora|peft", re.I)


def tier(r):
    d = r.get("downloads") or 0
    return "top" if d >= 100_000 else "mid" if d >= 1_000 else "low"


def kind(r):
    hay = r["id"] + " " + " ".join(r.get("tags") or [])
    if ADAPTER.search(hay):
        return "adapter"
    if QUANT.search(hay):
        return "quantized"
    return "plain"


def body(card):
    """The card without its YAML header."""
    if card.startswith("---"):
        end = card.find("\n---", 3)
        if end > 0:
            return card[end + 4:]
    return card


# Stress strata: a predicate on (record, card body) and how many to draw from it.
def params_in_prose(r, b):
    return r.get("params") is None and re.search(r"\b\d+(\.\d+)?\s?(B|M|billion|million)\s+param", b, re.I)


def datasets_in_prose(r, b):
    return not r.get("datasets") and re.search(r"(trained|fine-?tuned) on (the )?[A-Z][\w-]+", b)


def base_in_prose(r, b):
    return not r.get("base_model") and re.search(
        r"(quants? of|quantizations? of|fine-?tuned (version )?(from|of)|lora (for|of)|based on) \[?[A-Za-z]", b, re.I)


def limitations_outside_heading(r, b):
    return re.search(r"\b(may (produce|generate)|not (intended|suitable) for|hallucinat)", b, re.I) and not re.search(
        r"^#+ .*(limitation|risk|out-of-scope)", b, re.I | re.M)


def multimodal_output(r, b):
    return r.get("pipeline_tag") in {
        "text-to-image", "text-to-speech", "text-to-audio", "text-to-video", "image-to-image",
        "image-to-video", "any-to-any", "image-segmentation", "depth-estimation", "object-detection",
        "image-to-3d", "text-to-3d", "audio-to-audio"}


def non_english(r, b):
    letters = re.findall(r"[^\W\d_]", b)
    non_latin = [c for c in letters if ord(c) > 0x24F]
    return len(letters) > 100 and len(non_latin) / len(letters) > 0.3


STRESS = [
    ("params-prose", params_in_prose, 1),
    ("datasets-prose", datasets_in_prose, 2),
    ("base-prose", base_in_prose, 2),
    ("limitations-prose", limitations_outside_heading, 1),
    ("multimodal-output", multimodal_output, 1),
    ("non-english", non_english, 1),
]


def round_robin(rng, recs, n):
    """n records, cycling over tasks (shuffled order) and drawing at random inside each task."""
    by_task = {}
    for r in recs:
        by_task.setdefault(r.get("pipeline_tag") or "(none)", []).append(r)
    tasks = sorted(by_task)
    rng.shuffle(tasks)
    for t in tasks:
        rng.shuffle(by_task[t])
    out = []
    while len(out) < n and any(by_task[t] for t in tasks):
        for t in tasks:
            if by_task[t] and len(out) < n:
                out.append(by_task[t].pop())
    return out


def main():
    catalog, gold, spot = sys.argv[1], sys.argv[2], sys.argv[3]
    # Cards already in the gold or spot-check set are excluded; heldout5's own lines are not,
    # so the draw reproduces heldout5-ids.txt after they were appended.
    lines = [json.loads(l) for f in (gold, spot) for l in open(f) if l.strip()]
    taken = {g["id"].lower() for g in lines if g.get("split") != "heldout5"}
    recs = []
    for line in open(catalog):
        r = json.loads(line)
        if r.get("card") and len(r["card"]) >= 200 and r["id"].lower() not in taken:
            recs.append(r)
    recs.sort(key=lambda r: r["id"])
    rng = random.Random(SEED)
    picked = []
    shortfall = {}  # kind -> cards a higher tier could not supply (every top/mid adapter is gold already)
    for (t, k), n in QUOTAS.items():
        n += shortfall.pop(k, 0)
        stratum = [r for r in recs if tier(r) == t and kind(r) == k]
        got = round_robin(rng, stratum, n)
        if len(got) < n:
            shortfall[k] = n - len(got)
        for r in got:
            picked.append((r, f"{t}/{k}"))
    chosen = {r["id"] for r, _ in picked}
    for name, pred, n in STRESS:
        pool = [r for r in recs if r["id"] not in chosen and pred(r, body(r["card"]))]
        for r in round_robin(rng, pool, n):
            picked.append((r, f"stress:{name} ({tier(r)}/{kind(r)})"))
            chosen.add(r["id"])
    for r, s in picked:
        print(f"{r['id']}\t{s}")


if __name__ == "__main__":
    main()
