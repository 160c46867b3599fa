#!/usr/bin/env python3
"""Draw a held-out sample of the extraction gold set (ids only, no card text).

Usage: sample_split.py heldout3 CATALOG GOLD > heldout3-ids.txt
       sample_split.py heldout4|...|heldout18 CATALOG GOLD SPOT > heldoutN-ids.txt

Why a script: a sample must be reproducible and frozen before anyone looks at extractor
output, so the draw depends only on the catalog, the existing gold ids and a fixed seed per split
(SPLITS). Stratified like heldout2 (popularity tier x kind, round-robin over tasks inside a
stratum), plus stress strata for the facts the extractor is weakest on. Every id already in the
gold set's earlier splits (GOLD_ORDER) is excluded, and from heldout4 on the spot-check set's
too. A stratum
with too few unused cards passes its shortfall to the same kind one tier lower. Each output line
is `id<TAB>stratum`.
"""
import json
import random
import re
import sys

# Each split's draw, once: its seed, how many stress cards per predicate (in STRESS's order) and
# whether the spot-check set is excluded too (it existed from heldout4 on). A new split adds a row.
# The gold splits in the order they were drawn.
GOLD_ORDER = ["tune", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8", "heldout9", "heldout10", "heldout11", "heldout12", "heldout13", "heldout14", "heldout15", "heldout16", "heldout17", "heldout18"]
SPLITS = {
    "heldout3": {"seed": 20261207, "stress": (4, 4, 4, 3, 4, 3), "spot": False},
    "heldout4": {"seed": 20261208, "stress": (3, 4, 4, 3, 3, 2), "spot": True},
    # Fewer stress cards (~50 in all); every non-English predicate card is already gold, so it draws none.
    "heldout5": {"seed": 20261209, "stress": (1, 2, 2, 1, 1, 1), "spot": True},
    # Weighted toward the weakest facts (base model and datasets stated only in prose, media of
    # multimodal models: the 7th predicate, multimodal input, is new here) with smaller ordinary
    # quotas, so the split stays ~50 cards; non-English draws none (all its cards are gold).
    "heldout6": {"seed": 20261210, "stress": (1, 5, 5, 1, 2, 0, 3), "spot": True,
                 "quotas": (6, 6, 5, 3, 3, 3, 1, 2, 3)},
    # Weighted like heldout6 (base model and datasets only in prose, multimodal input), plus the
    # 8th predicate, new here: cards whose languages are not just English (non-English text,
    # several or non-English language codes, or multilingual wording), for `languages`.
    "heldout7": {"seed": 20261211, "stress": (1, 5, 5, 1, 1, 0, 3, 4), "spot": True,
                 "quotas": (5, 5, 5, 2, 3, 3, 1, 2, 2)},
    # Weighted like heldout7 (base model and datasets only in prose, multimodal input, languages)
    # with smaller ordinary quotas still, so the split stays ~40 cards.
    "heldout8": {"seed": 20261212, "stress": (1, 5, 5, 1, 1, 0, 3, 4), "spot": True,
                 "quotas": (3, 3, 4, 2, 2, 2, 1, 1, 2)},
    # Drawn like heldout8 (same stress weights and ordinary quotas, ~40 cards) with a new seed.
    "heldout9": {"seed": 20261213, "stress": (1, 5, 5, 1, 1, 0, 3, 4), "spot": True,
                 "quotas": (3, 3, 4, 2, 2, 2, 1, 1, 2)},
    # Drawn like heldout9 (base model and datasets only in prose 5 each, languages 4, multimodal
    # input 3, the same small ordinary quotas, ~40 cards) with a new seed.
    "heldout10": {"seed": 20261214, "stress": (1, 5, 5, 1, 1, 0, 3, 4), "spot": True,
                  "quotas": (3, 3, 4, 2, 2, 2, 1, 1, 2)},
    # Drawn like heldout10 (base model and datasets only in prose 5 each, languages 4, multimodal
    # input 3, the same small ordinary quotas, ~40 cards) with a new seed.
    "heldout11": {"seed": 20261221, "stress": (1, 5, 5, 1, 1, 0, 3, 4), "spot": True,
                  "quotas": (3, 3, 4, 2, 2, 2, 1, 1, 2)},
    # Drawn like heldout11 (base model and datasets only in prose 5 each, languages 4, multimodal
    # input 3, the same small ordinary quotas) with a new seed. Every card the datasets-in-prose
    # predicate matches is gold already, so it draws none and the split has 35 cards.
    "heldout12": {"seed": 20261222, "stress": (1, 5, 5, 1, 1, 0, 3, 4), "spot": True,
                  "quotas": (3, 3, 4, 2, 2, 2, 1, 1, 2)},
    # Drawn like heldout12 with a new seed. The datasets-in-prose predicate is exhausted (every card
    # it matches is gold or spot already), so it asks for none and its 5 cards go to base model only
    # in prose (+2), languages (+2) and parameters only in prose (+1), which still have cards.
    "heldout13": {"seed": 20261223, "stress": (2, 0, 7, 1, 1, 0, 3, 6), "spot": True,
                  "quotas": (3, 3, 4, 2, 2, 2, 1, 1, 2)},
    # Drawn like heldout13 (same stress weights and quotas) with a new seed. Datasets only in prose
    # is still exhausted (0 unused carded records match it), so its 5 cards stay with base model
    # only in prose, languages and parameters only in prose, which still have cards.
    "heldout14": {"seed": 20261224, "stress": (2, 0, 7, 1, 1, 0, 3, 6), "spot": True,
                  "quotas": (3, 3, 4, 2, 2, 2, 1, 1, 2)},
    # Drawn like heldout14 (same stress weights and quotas) with a new seed. Datasets only in prose
    # is still exhausted (0 unused carded records match it), so its 5 cards stay with base model
    # only in prose, languages and parameters only in prose, which still have cards.
    "heldout15": {"seed": 20261225, "stress": (2, 0, 7, 1, 1, 0, 3, 6), "spot": True,
                  "quotas": (3, 3, 4, 2, 2, 2, 1, 1, 2)},
    # Drawn like heldout15 (same ordinary quotas) with a new seed, ~35 cards to fit one labelling
    # session: datasets only in prose is still exhausted (0 unused carded records match it), and
    # base model only in prose, multimodal input and languages give one, one and three cards less.
    "heldout16": {"seed": 20261226, "stress": (2, 0, 6, 1, 1, 0, 2, 3), "spot": True,
                  "quotas": (3, 3, 4, 2, 2, 2, 1, 1, 2)},
    # Drawn like heldout16 (same stress weights and ordinary quotas, ~35 cards) with a new seed.
    # Datasets only in prose is still exhausted (0 unused carded records match it), so it asks for
    # none; base model only in prose, languages and parameters only in prose still have cards.
    "heldout17": {"seed": 20261227, "stress": (2, 0, 6, 1, 1, 0, 2, 3), "spot": True,
                  "quotas": (3, 3, 4, 2, 2, 2, 1, 1, 2)},
    # Drawn like heldout17 (same stress weights and ordinary quotas, ~35 cards) with a new seed.
    # Datasets only in prose is still exhausted (0 unused carded records match it), so it asks for
    # none; base model only in prose, languages and parameters only in prose still have cards.
    "heldout18": {"seed": 20261228, "stress": (2, 0, 6, 1, 1, 0, 2, 3), "spot": True,
                  "quotas": (3, 3, 4, 2, 2, 2, 1, 1, 2)},
}
QUOTAS = {  # (tier, kind): n -- heldout2's quotas; a split may override the numbers, in this order
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


def multimodal_input(r, b):
    return r.get("pipeline_tag") in {
        "image-text-to-text", "visual-question-answering", "video-text-to-text", "audio-text-to-text",
        "document-question-answering", "image-to-text", "any-to-any"}


def non_english(r, b):
    letters = re.findall(r"[^\W\d_]", b)
    non_latin = [c for c in letters if ord(c) > 0x24F]
    return len(letters) > 100 and len(non_latin) / len(letters) > 0.3


def languages_stress(r, b):
    """Non-English or multilingual: non-Latin text, a language code other than English in the
    metadata, or a card that talks of many languages."""
    langs = [l for l in (r.get("languages") or []) if isinstance(l, str)]
    return non_english(r, b) or any(l.lower() not in ("en", "eng", "english") for l in langs) or re.search(
        r"\bmultilingual\b|\b\d+\+? (languages|langues|idiomas)\b", b, re.I)


STRESS = [
    ("params-prose", params_in_prose),
    ("datasets-prose", datasets_in_prose),
    ("base-prose", base_in_prose),
    ("limitations-prose", limitations_outside_heading),
    ("multimodal-output", multimodal_output),
    ("non-english", non_english),
    ("multimodal-input", multimodal_input),  # from heldout6 on; earlier splits' tuples stop before it
    ("languages", languages_stress),  # from heldout7 on
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
    if len(sys.argv) < 4 or sys.argv[1] not in SPLITS:
        sys.exit(f"usage: sample_split.py {{{'|'.join(SPLITS)}}} CATALOG GOLD [SPOT]")
    split, catalog = sys.argv[1], sys.argv[2]
    spec = SPLITS[split]
    files = sys.argv[3:5] if spec["spot"] else sys.argv[3:4]
    if len(files) < (2 if spec["spot"] else 1):
        sys.exit(f"{split} excludes the spot-check set too: pass SPOT")
    # Cards of the splits drawn before this one (and of the spot-check set) are excluded; the
    # split's own lines and later splits' are not, so the draw still reproduces its ids file after
    # they were appended.
    lines = [json.loads(l) for f in files for l in open(f) if l.strip()]
    earlier = set(GOLD_ORDER[:GOLD_ORDER.index(split)]) | {"spot"}
    taken = {g["id"].lower() for g in lines if g.get("split") in earlier}
    recs = []
    for line in open(catalog):
        r = json.loads(line)
        if r.get("card") and len(r["card"]) >= 200 and r["id"].lower() not in taken:
            recs.append(r)
    recs.sort(key=lambda r: r["id"])
    rng = random.Random(spec["seed"])
    picked = []
    shortfall = {}  # kind -> cards a higher tier could not supply (every top/mid adapter is gold already)
    quotas = dict(zip(QUOTAS, spec["quotas"])) if "quotas" in spec else QUOTAS
    for (t, k), n in quotas.items():
        n += shortfall.pop(k, 0)
        stratum = [r for r in recs if tier(r) == t and kind(r) == k]
        got = round_robin(rng, stratum, n)
        if len(got) < n:
            shortfall[k] = n - len(got)
        for r in got:
            picked.append((r, f"{t}/{k}"))
    chosen = {r["id"] for r, _ in picked}
    for (name, pred), n in zip(STRESS, spec["stress"]):
        pool = [r for r in recs if r["id"] not in chosen and pred(r, body(r["card"]))]
        for r in round_robin(rng, pool, n):
            picked.append((r, f"stress:{name} ({tier(r)}/{kind(r)})"))
            chosen.add(r["id"])
    for r, s in picked:
        print(f"{r['id']}\t{s}")


if __name__ == "__main__":
    main()
