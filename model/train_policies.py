#!/usr/bin/env python3
"""Train, calibrate, evaluate and export `moderation-policies` (model/train.sh runs this).

The model has three parts (see MODEL_CARD.md):

* the detectors (Java, `moderation-model`, `org.admoderation.model.signals`): contacts, links,
  payment, prohibited-goods words, shouting and repetition, each a number with evidence spans;
* the sentence encoder, fixed and pretrained (Universal Sentence Encoder multilingual v3, int8);
* the head, trained here: one logistic regression per text policy over the policy's signals and
  the highest similarity of the ad's sentence vector to hand-written prototype phrases
  (`policies/prototypes.tsv`). It is exported as one small ONNX graph; only it is retrained.

Steps (deterministic):
 1. training ads: the synthetic generator (`generate_ads.py`, its labels mapped to policies) plus
    the clean ads of the hand-written calibration set as extra negatives;
 2. features from the Java code the worker runs (`FeatureExport`), so training and serving share
    one implementation of the detectors and the encoder;
 3. a logistic regression per policy; the ONNX head is checked against scikit-learn;
 4. two thresholds per policy (review, reject) from the calibration set: for a target share of
    clean ads above each, with floors;
 5. figures on the hand-written evaluation set, never used in 1-4: ROC-AUC, per-policy precision
    and recall, decision shares, look-alikes, a calibration chart;
 6. writes the head, `metrics.json`, `MODEL_CARD.md`, the chart; `--register` logs to MLflow.

`--labels FILE` adds reviewers' verdicts (the API's `GET /review/labels` export, JSON lines) to step 1:
a deterministic 80 % of them (by a hash of the ad's text, so copies of one ad fall on one side)
join the training ads, weighted LABEL_WEIGHT; the other 20 % are held out, and the card reports how
the model's decisions compare with the reviewers' on them. `--output DIR` writes the head and its
reports into DIR instead of over the shipped model.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
import sklearn
from onnx import TensorProto, helper, numpy_helper
from sklearn.metrics import roc_auc_score

import generate_ads as gen
import model_card

sys.path.insert(0, str(Path(__file__).resolve().parent / "data" / "handwritten"))
import split  # noqa: E402  (the hand-written sets' own rule for near-copies)

MODEL_NAME = "moderation-policies"
MODEL_VERSION = 3
ENCODER_NAME = "universal-sentence-encoder-multilingual-3-int8"
# The encoder reads the first ENCODER_MAX_CHARS characters of title + description (the card
# compares other bounds; override with the environment variable of that name to repeat it).
ENCODER_MAX_CHARS = int(os.environ.get("ENCODER_MAX_CHARS", "256"))
LR_C = 1.0
CALIBRATION_NEGATIVE_WEIGHT = 3.0
# A person's verdict on a real ad weighs as much as three generated ones.
LABEL_WEIGHT = 3.0
# The share of reviewed ads held out to measure the model against the reviewers: 1 in LABEL_HOLD_OUT.
LABEL_HOLD_OUT = 5
# The generator's ads; a smaller number (MODEL_GENERATED_ADS) only makes a test's training quicker.
N_GENERATED = int(os.environ.get("MODEL_GENERATED_ADS", "12000"))
OPSET = 17
IR_VERSION = 8

MODEL_DIR = Path(__file__).resolve().parent
REPO_ROOT = MODEL_DIR.parent
DATA_DIR = MODEL_DIR / "data" / "handwritten"
CALIBRATION_PATH = DATA_DIR / "calibration.jsonl"
EVALUATION_PATH = DATA_DIR / "evaluation.jsonl"
PROTOTYPES_PATH = MODEL_DIR / "policies" / "prototypes.tsv"
HEAD_PATH = REPO_ROOT / "moderation-model/src/main/resources/model/moderation-policies.onnx"
ENCODER_PATH = (REPO_ROOT / "model-encoder/src/main/resources/org/admoderation/model/encoder"
                / f"{ENCODER_NAME}.onnx")
METRICS_PATH = MODEL_DIR / "metrics.json"
CHART_PATH = MODEL_DIR / "calibration.png"

# The policies the head scores, in its output order, and the features each one sees.
HEAD_POLICIES = ["contacts_in_text", "external_link", "off_platform_payment", "prohibited_goods", "spam"]
RULE_POLICIES = ["suspicious_price", "thin_listing"]
SUBTYPES = ["drugs", "prescription_drugs", "weapons", "explosives", "documents", "protected_animals",
            "counterfeit", "accounts_and_sim", "stolen_data", "alcohol_tobacco"]
# Features the head derives in its graph: the strongest of several signals. A policy learns one
# weight for "any of its detectors fired", so a detector the generator never exercises (a link
# to another marketplace, snus) counts as much as the ones it does.
DERIVED = {
    "contacts_any": ["phone_number", "phone_obfuscated", "messenger_invite", "handle", "email", "email_obfuscated",
                     "messenger_link"],
    "link_any": ["url", "domain", "messenger_link", "link_invite", "other_marketplace"],
    "payment_any": ["prepayment_request", "money_transfer", "card_number", "crypto", "outside_deal"],
    "prohibited_lexicon_any": [f"lexicon_{s}" for s in SUBTYPES],
    "prohibited_similarity_max": [f"similarity_{s}" for s in SUBTYPES],
}
# The features of each policy and the sign its weight may take: +1 evidence of a violation never
# lowers the score, -1 evidence of innocence never raises it, 0 free. The constraints carry what
# we know about the detectors into a model fitted on synthetic ads.
POLICY_FEATURES = {
    "contacts_in_text": {"contacts_any": 1, "phone_number": 1, "phone_obfuscated": 1, "messenger_invite": 1,
                         "messenger_mention": 1, "contact_refused": -1, "long_number": -1,
                         "similarity_contact_offsite": 1},
    "external_link": {"link_any": 1, "url": 1, "domain": 1, "messenger_link": 1},
    "off_platform_payment": {"payment_any": 1, "prepayment_request": 1, "money_transfer": 1, "outside_deal": 1,
                             "no_prepayment": -1, "safe_deal": -1, "similarity_advance_payment": 1},
    "prohibited_goods": {"prohibited_lexicon_any": 1, "prohibited_similarity_max": 1, "innocent_context": -1,
                         "similarity_innocent": -1},
    "spam": {"caps_share": 1, "title_caps": 1, "exclamations": 1, "repeated_sentences": 1, "repeated_words": 1,
             "hashtags": 1, "log_length": -1},
}
# Thresholds: a target share of clean calibration ads at or above each, and floors, so a small
# calibration set cannot pull a threshold down to where the generator's violations live.
REVIEW_CLEAN_SHARE = 0.01
REJECT_FLOOR = 0.80
REVIEW_FLOOR = 0.35
RULE_REVIEW_THRESHOLD = 0.5

# Generator types -> policies (price_too_low and unverified_no_images are the generator's rules
# about price and seller, which this model deliberately does not learn).
GENERATED_POLICY = {"phone": "contacts_in_text", "messenger": "contacts_in_text", "link": "external_link",
                    "prepayment": "off_platform_payment", "prohibited": "prohibited_goods", "shouting": "spam",
                    "repetition": "spam"}


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def write_jsonl(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def generated_ads() -> list[dict]:
    """The generator's ads with their policies; rows whose label was flipped as noise are left out."""
    rows = []
    for ad in gen.generate(N_GENERATED):
        if ad.label_noise:
            continue
        policies = sorted({GENERATED_POLICY[t] for t in ad.violation_types if t in GENERATED_POLICY})
        if "link" in ad.violation_types and "@" in ad.description and "contacts_in_text" not in policies:
            # the generator files an e-mail address under "link"; here it is a contact
            policies = sorted(set(policies) | {"contacts_in_text"})
        rows.append({"title": ad.title, "description": ad.description, "category": ad.category,
                     "price": round(float(ad.price), 2), "images_qty": ad.images_qty,
                     "seller_is_verified": bool(ad.seller_is_verified), "policies": policies})
    return rows


class Features:
    """What FeatureExport computed for a set of ads."""

    def __init__(self, prefix: Path):
        header = json.loads(Path(f"{prefix}.json").read_text())
        n = header["rows"]
        self.names = header["signals"]
        self.signals = np.fromfile(f"{prefix}.signals.f32", dtype="<f4").reshape(n, len(self.names))
        self.rules = np.fromfile(f"{prefix}.rules.f32", dtype="<f4").reshape(n, 2)
        self.embeddings = np.fromfile(f"{prefix}.embeddings.f32", dtype="<f4").reshape(n, 512)


def java(*args: str) -> None:
    classpath = os.environ.get("MODEL_CLASSPATH")
    if not classpath:
        raise SystemExit("MODEL_CLASSPATH is not set: run model/train.sh, which builds moderation-model")
    subprocess.run(["java", "-cp", classpath, "org.admoderation.model.training.FeatureExport", *args], check=True)


def export_features(rows: list[dict], work: Path, name: str) -> Features:
    write_jsonl(work / f"{name}.jsonl", rows)
    java("ads", str(ENCODER_MAX_CHARS), str(work / f"{name}.jsonl"), str(work / name))
    return Features(work / name)


def read_prototypes() -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for line in PROTOTYPES_PATH.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            group, phrase = line.split("\t")
            groups.setdefault(group, []).append(phrase)
    return groups


def prototype_matrix(groups: dict[str, list[str]], work: Path) -> tuple[list[str], np.ndarray, list[list[int]]]:
    """The phrase vectors [M, 512] and, for each group, the rows of its phrases."""
    names = list(groups)
    texts = [p for g in names for p in groups[g]]
    (work / "prototypes.txt").write_text("\n".join(texts) + "\n", encoding="utf-8")
    java("texts", str(work / "prototypes.txt"), str(work / "prototypes"))
    vectors = np.fromfile(str(work / "prototypes.embeddings.f32"), dtype="<f4").reshape(len(texts), 512)
    rows, at = [], 0
    for g in names:
        rows.append(list(range(at, at + len(groups[g]))))
        at += len(groups[g])
    return names, vectors, rows


def similarities(embeddings: np.ndarray, prototypes: np.ndarray, rows: list[list[int]]) -> np.ndarray:
    """[N, G]: the highest cosine similarity to each group's phrases (the vectors are unit length)."""
    sims = embeddings.astype(np.float32) @ prototypes.T
    return np.stack([sims[:, r].max(axis=1) for r in rows], axis=1)


def derive(base: np.ndarray, base_columns: list[str]) -> np.ndarray:
    """The base columns followed by the DERIVED maxima, as the head's graph computes them."""
    extra = [base[:, [base_columns.index(c) for c in cols]].max(axis=1, keepdims=True) for cols in DERIVED.values()]
    return np.hstack([base] + extra)


def build_head(weights: np.ndarray, bias: np.ndarray, prototypes: np.ndarray, rows: list[list[int]],
               base_columns: list[str], props: dict) -> onnx.ModelProto:
    """embedding [N,512], signals [N,K] -> policy_scores [N,P], prototype_similarity [N,G]."""
    d = prototypes.shape[1]
    g = len(rows)
    k = len(base_columns) - g
    init = [numpy_helper.from_array(prototypes.T.astype(np.float32).copy(), "prototypes_t"),
            numpy_helper.from_array(weights.astype(np.float32), "weights"),
            numpy_helper.from_array(bias.astype(np.float32), "bias")]
    nodes = [helper.make_node("MatMul", ["embedding", "prototypes_t"], ["all_similarity"])]
    for gi, r in enumerate(rows):
        init.append(numpy_helper.from_array(np.array(r, dtype=np.int64), f"group_{gi}_rows"))
        nodes.append(helper.make_node("Gather", ["all_similarity", f"group_{gi}_rows"], [f"group_{gi}_all"], axis=1))
        nodes.append(helper.make_node("ReduceMax", [f"group_{gi}_all"], [f"group_{gi}"], axes=[1], keepdims=1))
    nodes += [helper.make_node("Concat", [f"group_{gi}" for gi in range(g)], ["prototype_similarity"], axis=1),
              helper.make_node("Concat", ["signals", "prototype_similarity"], ["base_features"], axis=1)]
    derived = []
    for name, cols in DERIVED.items():
        init.append(numpy_helper.from_array(np.array([base_columns.index(c) for c in cols], dtype=np.int64),
                                            f"{name}_columns"))
        nodes.append(helper.make_node("Gather", ["base_features", f"{name}_columns"], [f"{name}_inputs"], axis=1))
        nodes.append(helper.make_node("ReduceMax", [f"{name}_inputs"], [name], axes=[1], keepdims=1))
        derived.append(name)
    nodes += [helper.make_node("Concat", ["base_features", *derived], ["features"], axis=1),
              helper.make_node("Gemm", ["features", "weights", "bias"], ["logits"]),
              helper.make_node("Sigmoid", ["logits"], ["policy_scores"])]
    graph = helper.make_graph(
        nodes, MODEL_NAME,
        [helper.make_tensor_value_info("embedding", TensorProto.FLOAT, ["N", d]),
         helper.make_tensor_value_info("signals", TensorProto.FLOAT, ["N", k])],
        [helper.make_tensor_value_info("policy_scores", TensorProto.FLOAT, ["N", weights.shape[1]]),
         helper.make_tensor_value_info("prototype_similarity", TensorProto.FLOAT, ["N", g])],
        init)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)],
                              producer_name="model/train_policies.py")
    model.ir_version = IR_VERSION
    helper.set_model_props(model, props)
    onnx.checker.check_model(model)
    return model


def raising_signals(coefficients: dict, signal_names: list[str]) -> dict[str, list[str]]:
    """The signals that raise each policy's score: a positive weight of their own or of a derived
    "any" feature that holds them. The worker shows only their matches as a reason's evidence: a
    match the head gives no weight (a hashtag, a bare messenger name) explains nothing."""
    raising = {}
    for policy, weights in coefficients.items():
        names = set()
        for feature, weight in weights.items():
            if feature != "bias" and weight > 0:
                names |= set(DERIVED.get(feature, [feature]))
        raising[policy] = sorted(n for n in names if n in signal_names)
    return raising


def check_no_evaluation_text_in(generated: list[dict], calibration: list[dict], prototypes: dict) -> None:
    """No evaluation ad's text occurs in what training or calibration sees: the evaluation figures
    are only honest for ads the model never met. The rule split.py keeps and EvaluationSetTests
    checks: no run of split.SPAN characters (lower case, spaces collapsed) of an evaluation ad in a
    calibration ad, nor its title, nor such a run of its description in a prototype phrase. Generated
    ads join marketplace clichés ("продаю в связи с переездом"), so against them the whole
    description (40 characters or more) may not occur. split.py's third test, most 5-grams shared,
    is left to EvaluationSetTests."""
    seen = set()
    for row in calibration:
        seen |= split.runs(split.searchable(row))
    titles = {split.normalised(r["title"]) for r in calibration}
    phrases = "\n".join(split.normalised(p) for group in prototypes.values() for p in group)
    generated_text = "\n".join(split.normalised(r["description"]) for r in generated)
    for r in read_jsonl(EVALUATION_PATH):
        description = split.normalised(r["description"])
        if split.normalised(r["title"]) in titles or split.runs(split.searchable(r)) & seen:
            raise SystemExit(f"evaluation ad {r['id']} has a near-copy in the calibration set")
        if any(len(run) == split.SPAN and run in phrases for run in split.runs(description)):
            raise SystemExit(f"evaluation ad {r['id']} shares a {split.SPAN}-character run with a prototype")
        if len(description) >= 40 and description in generated_text:
            raise SystemExit(f"evaluation ad {r['id']} occurs in the generated training ads")


LABEL_FIELDS = ("title", "description", "category", "price", "images_qty", "seller_verified", "verdict")


def read_labels(path: Path) -> list[dict]:
    """Reviewed ads from the labels export, as training rows: a rejection names its policy in
    `policies` when the head scores it (a rejection for a rule policy, a price or a thin listing,
    teaches the text policies nothing and counts as no text violation). A task exported twice keeps
    its latest verdict."""
    by_task: dict = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise SystemExit(f"{path}:{number}: not JSON ({error.msg})")
        missing = [f for f in LABEL_FIELDS if f not in row]
        if missing:
            raise SystemExit(f"{path}:{number}: not a label of GET /review/labels (missing {', '.join(missing)})")
        if row["verdict"] not in ("approve", "reject"):
            raise SystemExit(f"{path}:{number}: verdict must be approve or reject, not {row['verdict']!r}")
        reason = row.get("reason_code")
        policies = [reason] if row["verdict"] == "reject" and reason in HEAD_POLICIES else []
        key = row.get("task_id", f"line-{number}")
        by_task[key] = {"id": f"label-{key}", "title": row["title"], "description": row["description"],
                        "category": row["category"], "price": float(row["price"]), "images_qty": row["images_qty"],
                        "seller_is_verified": bool(row["seller_verified"]), "policies": policies,
                        "verdict": row["verdict"], "reason_code": reason,
                        "label": "violation" if row["verdict"] == "reject" else "clean"}
    return list(by_task.values())


def held_out(row: dict) -> bool:
    """The deterministic split of reviewed ads: by their text, so an ad reviewed twice, or posted
    twice, is never on both sides."""
    text = split.normalised(row["title"]) + "\n" + split.normalised(row["description"])
    return int(hashlib.sha256(text.encode("utf-8")).hexdigest(), 16) % LABEL_HOLD_OUT == 0


def compare_with_reviewers(rows: list[dict], scores: np.ndarray, rules: np.ndarray, thresholds: dict) -> dict:
    """The model's decisions against the reviewers' verdicts on held-out ads."""
    decision = decide(scores, rules, thresholds)
    rejected_by_people = np.array([r["verdict"] == "reject" for r in rows])
    n = len(rows)
    sure = decision != 1
    agreed = ((decision == 2) & rejected_by_people) | ((decision == 0) & ~rejected_by_people)
    flagged = decision >= 1
    result = {
        "ads": n,
        "rejected_by_reviewers": int(rejected_by_people.sum()),
        "model": {"approve": int((decision == 0).sum()), "review": int((decision == 1).sum()),
                  "reject": int((decision == 2).sum())},
        # where the model decided alone, how often the reviewers agreed
        "agreement": float(agreed[sure].mean()) if sure.any() else None,
        "reviewers_rejects_the_model_approved": int(((decision == 0) & rejected_by_people).sum()),
        "reviewers_approvals_the_model_rejected": int(((decision == 2) & ~rejected_by_people).sum()),
        "recall_flagged": float((flagged & rejected_by_people).sum() / rejected_by_people.sum())
        if rejected_by_people.any() else None,
        "precision_flagged": float((flagged & rejected_by_people).sum() / flagged.sum()) if flagged.any() else None,
        "roc_auc": None,
    }
    if 0 < rejected_by_people.sum() < n:
        result["roc_auc"] = float(roc_auc_score(rejected_by_people, probability(scores, rules)))
    return result


def without_evaluation_ads(labels: list[dict]) -> list[dict]:
    """Reviewed ads that are not ads of the evaluation set: one that is (a demo ad, say) would make the
    evaluation figures flatter, so it is left out, with a warning, rather than trained on."""
    evaluation = {split.normalised(r["title"]) + "\n" + split.normalised(r["description"])
                  for r in read_jsonl(EVALUATION_PATH)}
    kept = []
    for row in labels:
        if split.normalised(row["title"]) + "\n" + split.normalised(row["description"]) in evaluation:
            print(f"warning: {row['id']} is an ad of the evaluation set: left out of the training", file=sys.stderr)
        else:
            kept.append(row)
    return kept


def fit_signed_logistic(x: np.ndarray, y: np.ndarray, sample_weight: np.ndarray, signs: list[int]):
    """L2-regularised logistic regression (as scikit-learn's, C = LR_C) whose weights keep the given
    signs, fitted by L-BFGS-B from zero on features scaled to unit deviation. Returns (w, b) on
    the unscaled features."""
    from scipy.optimize import minimize
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    xs = x / scale
    target = y.astype(np.float64)

    def loss(theta):
        w, b = theta[:-1], theta[-1]
        z = xs @ w + b
        # log(1 + e^z) - y z, computed stably; gradient (sigmoid(z) - y)
        value = np.sum(sample_weight * (np.logaddexp(0.0, z) - target * z)) + 0.5 / LR_C * np.dot(w, w)
        r = sample_weight * (1.0 / (1.0 + np.exp(-z)) - target)
        return value, np.concatenate([xs.T @ r + w / LR_C, [r.sum()]])

    bounds = [(0.0, None) if s > 0 else (None, 0.0) if s < 0 else (None, None) for s in signs] + [(None, None)]
    result = minimize(loss, np.zeros(x.shape[1] + 1), jac=True, method="L-BFGS-B", bounds=bounds,
                      options={"maxiter": 5000, "gtol": 1e-8})
    if not result.success:
        raise SystemExit(f"the logistic regression did not converge: {result.message}")
    return result.x[:-1] / scale, result.x[-1]


def decide(scores: np.ndarray, rules: np.ndarray, thresholds: dict) -> np.ndarray:
    """0 approve, 1 review, 2 reject: the worker's rule (PolicyModel), most severe policy wins."""
    decision = np.zeros(len(scores), dtype=int)
    for p, policy in enumerate(HEAD_POLICIES):
        t = thresholds[policy]
        decision = np.maximum(decision, np.where(scores[:, p] >= t["reject"], 2, np.where(scores[:, p] >= t["review"], 1, 0)))
    for r, policy in enumerate(RULE_POLICIES):
        decision = np.maximum(decision, np.where(rules[:, r] >= thresholds[policy]["review"], 1, 0))
    return decision


def probability(scores: np.ndarray, rules: np.ndarray) -> np.ndarray:
    """P(breaks any policy): noisy-OR of the text policies and the suspicious-price rule."""
    clean = np.prod(1.0 - scores.astype(np.float64), axis=1) * (1.0 - rules[:, 0].astype(np.float64))
    return 1.0 - clean


def choose_thresholds(scores: np.ndarray, clean: np.ndarray) -> dict:
    thresholds = {}
    for p, policy in enumerate(HEAD_POLICIES):
        s = np.sort(scores[clean, p].astype(np.float64))
        # review: above all but REVIEW_CLEAN_SHARE of the clean calibration ads; reject: above every one
        at = s[min(len(s) - 1, int(np.floor(len(s) * (1 - REVIEW_CLEAN_SHARE))))]
        review = max(REVIEW_FLOOR, float(at) + 1e-3)
        reject = max(REJECT_FLOOR, float(s[-1]) + 1e-3, review)
        thresholds[policy] = {"review": round(min(review, 0.99), 4), "reject": round(min(reject, 0.995), 4)}
    for policy in RULE_POLICIES:
        thresholds[policy] = {"review": RULE_REVIEW_THRESHOLD, "reject": None}
    return thresholds


def evaluate(rows: list[dict], scores: np.ndarray, rules: np.ndarray, thresholds: dict) -> dict:
    y = np.array([r["label"] == "violation" for r in rows])
    prob = probability(scores, rules)
    decision = decide(scores, rules, thresholds)
    share = lambda mask, d: float(np.mean(decision[mask] == d)) if mask.any() else 0.0  # noqa: E731
    lookalike = np.array([bool(r.get("lookalike")) for r in rows])
    per_policy = {}
    for p, policy in enumerate(HEAD_POLICIES + RULE_POLICIES):
        truth = np.array([policy in r["policies"] for r in rows])
        if p < len(HEAD_POLICIES):
            t = thresholds[policy]
            flagged = scores[:, p] >= t["review"]
            rejected = scores[:, p] >= t["reject"]
        else:
            flagged = rules[:, p - len(HEAD_POLICIES)] >= thresholds[policy]["review"]
            rejected = np.zeros(len(rows), dtype=bool)
        per_policy[policy] = {
            "support": int(truth.sum()),
            "flagged": int(flagged.sum()),
            "precision_flagged": float((flagged & truth).sum() / max(1, flagged.sum())),
            "recall_flagged": float((flagged & truth).sum() / max(1, truth.sum())),
            "precision_reject": float((rejected & truth).sum() / max(1, rejected.sum())),
            "recall_reject": float((rejected & truth).sum() / max(1, truth.sum())),
        }
    bins = np.linspace(0, 1, 11)
    calibration = []
    for lo, hi in zip(bins[:-1], bins[1:]):
        m = (prob >= lo) & ((prob < hi) if hi < 1 else (prob <= hi))
        calibration.append({"from": round(float(lo), 1), "to": round(float(hi), 1), "ads": int(m.sum()),
                            "mean_probability": float(prob[m].mean()) if m.any() else None,
                            "violation_share": float(y[m].mean()) if m.any() else None})
    return {
        "ads": len(rows),
        "roc_auc": float(roc_auc_score(y, prob)),
        "clean": {"ads": int((~y).sum()), "approve": share(~y, 0), "review": share(~y, 1), "reject": share(~y, 2)},
        "violating": {"ads": int(y.sum()), "approve": share(y, 0), "review": share(y, 1), "reject": share(y, 2)},
        "lookalikes": {"ads": int(lookalike.sum()), "rejected": int(((decision == 2) & lookalike).sum()),
                       "reviewed": int(((decision == 1) & lookalike).sum())},
        "per_policy": per_policy,
        "calibration": calibration,
        "errors": {
            "clean_rejected": [r["id"] for r, d, v in zip(rows, decision, y) if d == 2 and not v],
            "clean_reviewed": [r["id"] for r, d, v in zip(rows, decision, y) if d == 1 and not v],
            "violations_approved": [r["id"] for r, d, v in zip(rows, decision, y) if d == 0 and v],
        },
    }


def calibration_chart(ev: dict, path: Path) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    points = [(b["mean_probability"], b["violation_share"], b["ads"]) for b in ev["calibration"] if b["ads"]]
    fig, ax = plt.subplots(figsize=(5, 5), dpi=100)
    ax.plot([0, 1], [0, 1], linestyle="--", color="grey", label="perfectly calibrated")
    ax.plot([p[0] for p in points], [p[1] for p in points], marker="o", label="moderation-policies")
    for x, yv, n in points:
        ax.annotate(str(n), (x, yv), textcoords="offset points", xytext=(4, -10), fontsize=7)
    ax.set_xlabel("predicted probability of a violation (bin mean)")
    ax.set_ylabel("share of violations in the bin")
    ax.set_title(f"Evaluation set ({ev['ads']} hand-written ads)")
    ax.legend(loc="upper left")
    fig.tight_layout()
    fig.savefig(path, metadata={"Software": None})
    plt.close(fig)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--register", action="store_true")
    parser.add_argument("--labels", type=Path, help="reviewers' verdicts: the JSON lines of GET /review/labels")
    parser.add_argument("--output", type=Path, help="write the head and its reports here, not over the shipped model")
    args = parser.parse_args()
    head_path, metrics_path, chart_path, card_path = HEAD_PATH, METRICS_PATH, CHART_PATH, MODEL_DIR / "MODEL_CARD.md"
    if args.output:
        args.output.mkdir(parents=True, exist_ok=True)
        head_path, metrics_path = args.output / HEAD_PATH.name, args.output / METRICS_PATH.name
        chart_path, card_path = args.output / CHART_PATH.name, args.output / "MODEL_CARD.md"

    calibration = read_jsonl(CALIBRATION_PATH)
    evaluation = read_jsonl(EVALUATION_PATH)
    generated = generated_ads()
    calibration_clean = [r for r in calibration if r["label"] == "clean"]
    check_no_evaluation_text_in(generated, calibration, read_prototypes())
    labels = without_evaluation_ads(read_labels(args.labels)) if args.labels else []
    labels_train = [r for r in labels if not held_out(r)]
    labels_held_out = [r for r in labels if held_out(r)]

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        names, prototypes, rows = prototype_matrix(read_prototypes(), work)
        f_gen = export_features(generated, work, "generated")
        f_cal = export_features(calibration, work, "calibration")
        f_eval = export_features(evaluation, work, "evaluation")
        f_train_labels = export_features(labels_train, work, "labels-train") if labels_train else None
        f_held_labels = export_features(labels_held_out, work, "labels-held-out") if labels_held_out else None
    signal_names = f_gen.names

    base_columns = signal_names + [f"similarity_{g}" for g in names]
    columns = base_columns + list(DERIVED)

    def matrix(f: Features) -> np.ndarray:
        base = np.hstack([f.signals, similarities(f.embeddings, prototypes, rows)]).astype(np.float64)
        return derive(base, base_columns)

    x_gen, x_cal, x_eval = matrix(f_gen), matrix(f_cal), matrix(f_eval)
    clean_cal = np.array([r["label"] == "clean" for r in calibration])
    x_labels = matrix(f_train_labels) if f_train_labels else np.zeros((0, len(columns)))
    x_train = np.vstack([x_gen, x_cal[clean_cal], x_labels])
    sample_weight = np.concatenate([np.ones(len(x_gen)), np.full(int(clean_cal.sum()), CALIBRATION_NEGATIVE_WEIGHT),
                                    np.full(len(labels_train), LABEL_WEIGHT)])

    weights = np.zeros((len(columns), len(HEAD_POLICIES)))
    bias = np.zeros(len(HEAD_POLICIES))
    coefficients = {}
    for p, policy in enumerate(HEAD_POLICIES):
        features = POLICY_FEATURES[policy]
        used = [columns.index(c) for c in features]
        y = np.concatenate([[policy in r["policies"] for r in generated], np.zeros(int(clean_cal.sum()), dtype=bool),
                            np.array([policy in r["policies"] for r in labels_train], dtype=bool)])
        w, b = fit_signed_logistic(x_train[:, used], y, sample_weight, list(features.values()))
        weights[used, p] = w
        bias[p] = b
        coefficients[policy] = {c: round(float(wi), 4) for c, wi in zip(features, w)} | {"bias": round(float(b), 4)}
        print(f"{policy}: positives {int(y.sum())}, weights {coefficients[policy]}")

    def head_scores(x: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-(x @ weights + bias)))

    s_cal = head_scores(x_cal)
    thresholds = choose_thresholds(s_cal, clean_cal)
    s_eval = head_scores(x_eval)
    ev = evaluate(evaluation, s_eval, f_eval.rules, thresholds)
    cal = evaluate(calibration, s_cal, f_cal.rules, thresholds)

    evidence = raising_signals(coefficients, signal_names)
    encoder_sha = hashlib.sha256(ENCODER_PATH.read_bytes()).hexdigest()
    props = {
        "model_name": MODEL_NAME, "model_version": str(MODEL_VERSION),
        "signals": ",".join(signal_names), "policies": ",".join(HEAD_POLICIES),
        "prototype_groups": ",".join(names), "thresholds": json.dumps(thresholds, sort_keys=True),
        "evidence_signals": json.dumps(evidence, sort_keys=True),
        "encoder": ENCODER_NAME, "encoder_sha256": encoder_sha, "encoder_max_chars": str(ENCODER_MAX_CHARS),
        "categories": ",".join(str(c) for c in sorted(gen.CATEGORIES)),
        "evaluation_roc_auc": f"{ev['roc_auc']:.4f}",
        "trained_with": f"scikit-learn {sklearn.__version__}, onnx {onnx.__version__}, python {platform.python_version()}",
    }
    model = build_head(weights, bias, prototypes, rows, base_columns, props)
    blob = model.SerializeToString()
    sess = ort.InferenceSession(blob, providers=["CPUExecutionProvider"])
    onnx_scores = sess.run(["policy_scores"], {"embedding": f_eval.embeddings, "signals": f_eval.signals})[0]
    diff = float(np.max(np.abs(onnx_scores - s_eval)))
    print(f"ONNX head vs numpy on the evaluation set: max |diff| = {diff:.2e}")
    if diff > 1e-4:
        raise SystemExit("the exported head does not match the trained weights")
    head_path.write_bytes(blob)

    metrics = {
        "model": {"name": MODEL_NAME, "version": MODEL_VERSION, "bytes": len(blob),
                  "encoder": ENCODER_NAME, "encoder_sha256": encoder_sha, "encoder_max_chars": ENCODER_MAX_CHARS},
        "data": {"generated_training_ads": len(generated), "calibration_ads": len(calibration),
                 "calibration_clean_used_as_negatives": len(calibration_clean), "evaluation_ads": len(evaluation),
                 "prototype_phrases": int(sum(len(v) for v in read_prototypes().values()))},
        "thresholds": thresholds,
        "coefficients": coefficients,
        "evaluation": ev,
        "calibration_set": {k: cal[k] for k in ("roc_auc", "clean", "violating", "lookalikes")},
        "checks": {"onnx_vs_numpy_max_abs_diff": diff},
    }
    if labels:
        reviewers = None
        if f_held_labels:
            reviewers = compare_with_reviewers(labels_held_out, head_scores(matrix(f_held_labels)), f_held_labels.rules,
                                               thresholds)
        metrics["labels"] = {"file": args.labels.name, "reviewed_ads": len(labels),
                             "rejected_by_reviewers": sum(r["verdict"] == "reject" for r in labels),
                             "training": len(labels_train), "held_out": len(labels_held_out),
                             "weight": LABEL_WEIGHT, "held_out_against_reviewers": reviewers}
        print("reviewers' labels:", json.dumps(metrics["labels"]))
    metrics_path.write_text(json.dumps(metrics, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    calibration_chart(ev, chart_path)
    card_path.write_text(model_card.render(metrics, MODEL_DIR), encoding="utf-8")
    print(json.dumps({k: ev[k] for k in ("roc_auc", "clean", "violating", "lookalikes")}, indent=1))
    for policy, m in ev["per_policy"].items():
        print(f"  {policy:22s} support {m['support']:3d} flagged {m['flagged']:3d} "
              f"P {m['precision_flagged']:.2f} R {m['recall_flagged']:.2f} | reject P {m['precision_reject']:.2f} "
              f"R {m['recall_reject']:.2f}")
    print("evaluation errors:", json.dumps(ev["errors"]))
    print("calibration errors:", json.dumps(cal["errors"]))
    if args.register:
        register(metrics, blob, card_path)
    return 0


def register(metrics: dict, blob: bytes, card: Path) -> None:
    """Log the run and register the head as `moderation-policies` @champion (model/model.onnx)."""
    import mlflow
    from mlflow.tracking import MlflowClient

    uri = os.environ.get("MLFLOW_TRACKING_URI")
    if not uri:
        raise SystemExit("--register needs MLFLOW_TRACKING_URI (e.g. http://127.0.0.1:5000)")
    mlflow.set_tracking_uri(uri)
    mlflow.set_experiment(os.environ.get("MLFLOW_EXPERIMENT_NAME", MODEL_NAME))
    client = MlflowClient()
    sha = hashlib.sha256(blob).hexdigest()
    ev = metrics["evaluation"]
    with mlflow.start_run(run_name=f"{MODEL_NAME}-v{MODEL_VERSION}") as run:
        mlflow.log_params({"model_name": MODEL_NAME, "model_version": MODEL_VERSION, "sha256": sha,
                           "encoder": ENCODER_NAME, "encoder_max_chars": ENCODER_MAX_CHARS, "lr_c": LR_C})
        mlflow.log_metrics({"evaluation_roc_auc": ev["roc_auc"], "clean_rejected": ev["clean"]["reject"],
                            "clean_reviewed": ev["clean"]["review"], "violations_approved": ev["violating"]["approve"]})
        mlflow.set_tags({"model_name": MODEL_NAME, "thresholds": json.dumps(metrics["thresholds"])})
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "model.onnx"
            path.write_bytes(blob)
            mlflow.log_artifact(str(path), artifact_path="model")
            if card.exists():
                mlflow.log_artifact(str(card), artifact_path="model")
        source = f"{run.info.artifact_uri}/model"
        run_id = run.info.run_id
    try:
        client.get_registered_model(MODEL_NAME)
    except Exception:  # noqa: BLE001 - not registered yet
        client.create_registered_model(MODEL_NAME, description="Ad moderation per-policy head (ONNX, model.onnx)")
    mv = client.create_model_version(MODEL_NAME, source=source, run_id=run_id, tags={"sha256": sha})
    client.set_registered_model_alias(MODEL_NAME, "champion", mv.version)
    print(f"registered {MODEL_NAME} version {mv.version} (alias champion), run {run_id}, source {source}")


if __name__ == "__main__":
    sys.exit(main())
