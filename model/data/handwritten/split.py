#!/usr/bin/env python3
"""Splits the hand-written ads into the calibration and the evaluation set.

Writers paraphrase: two ads may share a sentence, a shop's boilerplate or a title. Such ads are
kept together, so the evaluation set never holds a near-copy of an ad the thresholds were chosen
on. Ads are grouped when they share a run of SPAN characters (lower-cased, spaces collapsed, title
and description together), have the same title, or share most of their character 5-grams
(Jaccard >= 0.5). Each group goes to one set whole. The split is stratified: groups holding a
violation and groups of clean ads are each ordered by a hash of their smallest id, and the first
35 % of each stratum's ads go to calibration, so both sets keep the marketplace's share of clean
ads and the split depends neither on the order of the files nor on anything a writer chose.
EvaluationSetTests checks the result.

It reads the drafts in drafts/ (gitignored, where writers add ads) together with the two sets
already here, so it can be re-run without the drafts: `python3 model/data/handwritten/split.py`.
Re-running it on the same ads gives the same sets. New drafts can move ads already split: a draft may
join two groups, and the quotas shift. That is the price of keeping paraphrases together; retrain
after a re-split, as the thresholds come from the calibration set.
"""
import hashlib
import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
CALIBRATION_PERCENT = 35
SPAN = 30
JACCARD = 0.5


def normalised(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower()).strip()


def searchable(row: dict) -> str:
    return normalised(row["title"]) + " | " + normalised(row["description"])


def grams(text: str, n: int) -> set[str]:
    """Every run of n characters; a shorter text is its own run."""
    return {text[k:k + n] for k in range(max(1, len(text) - n + 1))}


def runs(text: str) -> set[str]:
    return grams(text, SPAN)


def shingles(text: str) -> set[str]:
    return grams(text, 5)


def groups(rows: list[dict]) -> list[list[dict]]:
    parent = list(range(len(rows)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_seen: dict[str, int] = {}
    for i, row in enumerate(rows):
        keys = runs(searchable(row))
        keys.add("title: " + normalised(row["title"]))
        for key in keys:
            if key in first_seen:
                parent[find(i)] = find(first_seen[key])
            else:
                first_seen[key] = i
    grams = [shingles(searchable(row)) for row in rows]
    for i in range(len(rows)):
        for j in range(i + 1, len(rows)):
            if len(grams[i] & grams[j]) >= JACCARD * len(grams[i] | grams[j]):
                parent[find(i)] = find(j)
    by_root: dict[int, list[dict]] = {}
    for i, row in enumerate(rows):
        by_root.setdefault(find(i), []).append(row)
    return list(by_root.values())


def main() -> None:
    rows = []
    sources = sorted((HERE / "drafts").glob("*.jsonl")) + [HERE / "calibration.jsonl", HERE / "evaluation.jsonl"]
    for path in sources:
        if path.exists():
            rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    by_id = {}
    for row in rows:
        if row["id"] in by_id and by_id[row["id"]] != row:
            raise SystemExit(f"two different ads have the id {row['id']}")
        by_id[row["id"]] = row
    if not by_id:
        raise SystemExit("no hand-written ads to split")
    calibration, evaluation = [], []
    strata: dict[bool, list[list[dict]]] = {}
    for group in groups(sorted(by_id.values(), key=lambda r: r["id"])):
        strata.setdefault(any(r["label"] == "violation" for r in group), []).append(group)
    for stratum in strata.values():
        # in the order of a hash, so which group lands where depends on nothing a writer chose
        stratum.sort(key=lambda g: hashlib.sha256(min(r["id"] for r in g).encode()).hexdigest())
        quota = CALIBRATION_PERCENT * sum(len(g) for g in stratum) / 100
        taken = 0
        for group in stratum:
            (calibration if taken < quota else evaluation).extend(group)
            taken += len(group)
    for name, part in (("calibration", calibration), ("evaluation", evaluation)):
        part.sort(key=lambda r: r["id"])
        (HERE / f"{name}.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in part),
                                             encoding="utf-8")
        print(f"{name}: {len(part)} ads, {sum(r['label'] == 'violation' for r in part)} violations, "
              f"{sum(bool(r.get('lookalike')) for r in part)} look-alikes")


if __name__ == "__main__":
    main()
