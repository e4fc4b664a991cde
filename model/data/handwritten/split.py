#!/usr/bin/env python3
"""Splits the hand-written drafts into the calibration and the evaluation set, once.

Every draft ad goes to exactly one set, decided by a hash of its id (about 35 % calibration), so
the split does not depend on the order of the files and never changes for an ad already written.
Run it after adding drafts: `python3 model/data/handwritten/split.py`.
"""
import hashlib
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
CALIBRATION_PERCENT = 35

rows = []
for path in sorted((HERE / "drafts").glob("*.jsonl")):
    rows += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
if not rows:
    raise SystemExit("no drafts in model/data/handwritten/drafts: nothing to split (the sets are left as they are)")
ids = [r["id"] for r in rows]
assert len(ids) == len(set(ids)), "duplicate ids"
calibration, evaluation = [], []
for row in rows:
    bucket = int(hashlib.sha256(row["id"].encode()).hexdigest(), 16) % 100
    (calibration if bucket < CALIBRATION_PERCENT else evaluation).append(row)
for name, part in (("calibration", calibration), ("evaluation", evaluation)):
    (HERE / f"{name}.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in part),
                                         encoding="utf-8")
    print(f"{name}: {len(part)} ads, {sum(r['label'] == 'violation' for r in part)} violations")
