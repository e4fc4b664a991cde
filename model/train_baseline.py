#!/usr/bin/env python3
"""Train the moderation *baseline* model and export it to ONNX.

This is a first, deliberately simple baseline: a logistic regression over a few
structured ad fields, trained on SYNTHETIC data. It exists so the Java worker has
a real ONNX model (and a parity fixture) to integrate against; it is meant to be
replaced by a text-aware model trained on real moderation decisions.

Synthetic dataset
-----------------
N_ROWS ads are drawn with a fixed seed (SEED) from numpy's PCG64 generator:

* seller_is_verified  bool, True with probability 0.65.
* images_qty          int 0..10; 12 % of ads have 0 images, the rest uniform 1..10.
* description_length  int chars; 3 % are empty (0), the rest round(exp(N(5.0, 1.1)))
                      clipped to 1..5000 (median ~150 chars).
* category            int code 1..8, uniform.
* price               float >= 0 with 2 decimals (generated as integer cents):
                      usually norm[category] * exp(N(0, 0.45)); 8 % are "lowball"
                      prices norm * U(0.02, 0.30); 1.5 % are 0.00 (free).
                      Per-category norms are in CATEGORY_PRICE_NORMS.

Labelling rules (1 = violation). A risk logit is built from the raw fields:

    z = -3.5
        + 2.0  if the seller is NOT verified
        + 1.6  if images_qty == 0
        + 1.8  if description_length < 30      (very short)
        + 0.6  if 30 <= description_length < 80 (short)
        + 2.6  if price < 0.35 * norm[category] (far below the category norm)
        + 0.9  if 0.35 * norm <= price < 0.60 * norm

    label ~ Bernoulli(sigmoid(z)), then each label is flipped with
    probability LABEL_NOISE (5 %) to simulate moderator noise.

Feature contract (what the Java worker implements), float32, shape [N, 12]:

    index 0      seller_is_verified          1.0 / 0.0
    index 1      images_qty                  as float
    index 2      log1p(description_length)   (computed in float64, then cast to float32)
    index 3      log1p(price)                (computed in float64, then cast to float32)
    index 4..11  one-hot of category 1..8    (index 4 = category 1, ..., index 11 = category 8)

Model: sklearn LogisticRegression (lbfgs, random_state fixed), 80/20 stratified
split, ROC-AUC printed on the 20 % held-out split.

Outputs (paths relative to the repository root):

* worker-service/src/main/resources/model/moderation-baseline.onnx
    input  `features`       float32 [None, 12]
    output `label`          int64   [None]
    output `probabilities`  float32 [None, 2]   (column 1 = P(violation))
* worker-service/src/test/resources/model/baseline-parity.csv
    200 held-out rows of RAW fields plus the ONNX probability of class 1, so the
    Java side can rebuild the features itself and compare.

Everything is deterministic: running the script twice gives byte-identical files.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
import sklearn
import skl2onnx
from skl2onnx import to_onnx
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

SEED = 20251128
N_ROWS = 20_000
LABEL_NOISE = 0.05
TEST_SIZE = 0.20
N_PARITY_ROWS = 200
THRESHOLD = 0.5
MODEL_NAME = "moderation-baseline"
MODEL_VERSION = 1
TARGET_OPSET = {"": 17, "ai.onnx.ml": 3}
MAX_IR_VERSION = 10  # onnxruntime-java 1.23.2 loads this fine; keep the file conservative

CATEGORIES = list(range(1, 9))
# Typical ("norm") price per category code, used only to generate synthetic data.
# The names are illustrative; the contract is the integer code.
CATEGORY_PRICE_NORMS: dict[int, float] = {
    1: 250.0,   # electronics
    2: 9000.0,  # vehicles
    3: 1100.0,  # property rentals
    4: 45.0,    # fashion
    5: 120.0,   # home & garden
    6: 70.0,    # hobbies & sports
    7: 30.0,    # kids
    8: 150.0,   # pets
}

N_FEATURES = 4 + len(CATEGORIES)
INPUT_SCHEMA = "seller_is_verified,images_qty,log1p_description_length,log1p_price,category_1..category_8"

MODEL_DIR = Path(__file__).resolve().parent
REPO_ROOT = MODEL_DIR.parent
ONNX_PATH = REPO_ROOT / "worker-service/src/main/resources/model/moderation-baseline.onnx"
PARITY_PATH = REPO_ROOT / "worker-service/src/test/resources/model/baseline-parity.csv"


def generate_dataset(rng: np.random.Generator, n: int) -> dict[str, np.ndarray]:
    """Draw n synthetic ads and their labels (see module docstring for the rules)."""
    seller_is_verified = rng.random(n) < 0.65

    images_qty = rng.integers(1, 11, size=n)  # 1..10
    images_qty[rng.random(n) < 0.12] = 0

    description_length = np.clip(np.rint(np.exp(rng.normal(5.0, 1.1, size=n))), 1, 5000).astype(np.int64)
    description_length[rng.random(n) < 0.03] = 0

    category = rng.integers(1, 9, size=n)  # 1..8
    norm = np.array([CATEGORY_PRICE_NORMS[c] for c in category])

    ratio = np.exp(rng.normal(0.0, 0.45, size=n))
    lowball = rng.random(n) < 0.08
    ratio[lowball] = rng.uniform(0.02, 0.30, size=int(lowball.sum()))
    ratio[rng.random(n) < 0.015] = 0.0
    price_cents = np.rint(norm * ratio * 100.0).astype(np.int64)
    # cents / 100 is the double nearest to the 2-decimal string, so the CSV value parses back exactly.
    price = price_cents / 100.0

    price_ratio = price / norm
    z = np.full(n, -3.5)
    z += 2.0 * ~seller_is_verified
    z += 1.6 * (images_qty == 0)
    z += 1.8 * (description_length < 30)
    z += 0.6 * ((description_length >= 30) & (description_length < 80))
    z += 2.6 * (price_ratio < 0.35)
    z += 0.9 * ((price_ratio >= 0.35) & (price_ratio < 0.60))
    p_violation = 1.0 / (1.0 + np.exp(-z))
    label = rng.random(n) < p_violation
    label ^= rng.random(n) < LABEL_NOISE

    return {
        "seller_is_verified": seller_is_verified,
        "images_qty": images_qty,
        "description_length": description_length,
        "price": price,
        "category": category,
        "label": label.astype(np.int64),
        "p_violation": p_violation,  # the true rule probability, for reference only (not a feature)
    }


def build_features(seller_is_verified, images_qty, description_length, price, category) -> np.ndarray:
    """The feature contract: raw ad fields -> float32 [N, 12]. Mirror this exactly in Java."""
    n = len(seller_is_verified)
    x = np.zeros((n, N_FEATURES), dtype=np.float32)
    x[:, 0] = np.asarray(seller_is_verified, dtype=np.float64)
    x[:, 1] = np.asarray(images_qty, dtype=np.float64)
    # log1p in float64 then cast, like Java's (float) Math.log1p(double)
    x[:, 2] = np.log1p(np.asarray(description_length, dtype=np.float64))
    x[:, 3] = np.log1p(np.asarray(price, dtype=np.float64))
    cat = np.asarray(category, dtype=np.int64)
    if cat.min() < 1 or cat.max() > len(CATEGORIES):
        raise ValueError("category codes must be in 1..8")
    x[np.arange(n), 3 + cat] = 1.0  # category c -> index 3 + c (category 1 -> index 4)
    return x


def export_onnx(clf: LogisticRegression, roc_auc: float) -> onnx.ModelProto:
    model = to_onnx(
        clf,
        initial_types=[("features", skl2onnx.common.data_types.FloatTensorType([None, N_FEATURES]))],
        options={id(clf): {"zipmap": False}},
        target_opset=TARGET_OPSET,
    )
    # skl2onnx 1.20.0 emits the default-domain opset twice when target_opset is a dict; keep one entry per domain.
    opsets: dict[str, int] = {}
    for o in model.opset_import:
        opsets[o.domain] = max(opsets.get(o.domain, 0), o.version)
    del model.opset_import[:]
    for domain, version in sorted(opsets.items()):
        model.opset_import.add(domain=domain, version=version)
    if model.ir_version > MAX_IR_VERSION:
        model.ir_version = MAX_IR_VERSION  # only kept if onnxruntime still loads it (checked below)

    model.producer_name = "ad-moderation model/train_baseline.py"
    model.producer_version = f"skl2onnx {skl2onnx.__version__}"
    model.domain = "ad.moderation"
    model.model_version = MODEL_VERSION
    model.doc_string = (
        "Ad moderation baseline: logistic regression on synthetic data over structured ad fields "
        "(seller verification, image count, description length, price, category). "
        "Input 'features' float32 [N,12]: seller_is_verified, images_qty, log1p(description_length), "
        "log1p(price), one-hot category 1..8. Outputs 'label' int64 [N] and 'probabilities' float32 [N,2] "
        "(column 1 = P(violation)). First baseline, to be replaced by a text-aware model."
    )
    onnx.helper.set_model_props(
        model,
        {
            "model_name": MODEL_NAME,
            "model_version": str(MODEL_VERSION),
            "threshold": str(THRESHOLD),
            "input_schema": INPUT_SCHEMA,
            "categories": ",".join(str(c) for c in CATEGORIES),
            "roc_auc": f"{roc_auc:.4f}",
            "trained_with": f"scikit-learn {sklearn.__version__}",
        },
    )
    onnx.checker.check_model(model, full_check=True)
    return model


def write_parity_csv(path: Path, data: dict[str, np.ndarray], idx: np.ndarray, proba1: np.ndarray) -> None:
    lines = ["seller_is_verified,images_qty,description_length,price,category,probability"]
    for i, p in zip(idx, proba1):
        verified = "true" if data["seller_is_verified"][i] else "false"
        lines.append(
            f"{verified},{int(data['images_qty'][i])},{int(data['description_length'][i])},"
            f"{float(data['price'][i])!r},{int(data['category'][i])},{float(p):.9g}"
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")


def main() -> int:
    rng = np.random.default_rng(SEED)
    data = generate_dataset(rng, N_ROWS)
    X = build_features(
        data["seller_is_verified"], data["images_qty"], data["description_length"], data["price"], data["category"]
    )
    y = data["label"]
    print(f"dataset: {N_ROWS} rows, positive rate {y.mean():.4f}, seed {SEED}")

    idx_train, idx_test = train_test_split(
        np.arange(N_ROWS), test_size=TEST_SIZE, random_state=SEED % (2**32), stratify=y
    )
    clf = LogisticRegression(C=1.0, solver="lbfgs", max_iter=2000, random_state=0)
    clf.fit(X[idx_train], y[idx_train])

    X_test = X[idx_test]
    sk_proba = clf.predict_proba(X_test)
    roc_auc = float(roc_auc_score(y[idx_test], sk_proba[:, 1]))
    oracle_auc = float(roc_auc_score(y[idx_test], data["p_violation"][idx_test]))
    print(f"held-out ROC-AUC: {roc_auc:.4f} ({len(idx_test)} rows; the generating rules themselves score {oracle_auc:.4f})")

    model = export_onnx(clf, roc_auc)
    blob = model.SerializeToString(deterministic=True)

    sess = ort.InferenceSession(blob, providers=["CPUExecutionProvider"])
    ins, outs = sess.get_inputs(), sess.get_outputs()
    assert [i.name for i in ins] == ["features"], ins
    assert [o.name for o in outs] == ["label", "probabilities"], outs
    onnx_label, onnx_proba = sess.run(["label", "probabilities"], {"features": X_test})
    assert onnx_proba.dtype == np.float32 and onnx_proba.shape == (len(idx_test), 2)
    assert onnx_label.dtype == np.int64 and onnx_label.shape == (len(idx_test),)
    max_diff = float(np.max(np.abs(onnx_proba.astype(np.float64) - sk_proba)))
    print(f"onnxruntime {ort.__version__} vs predict_proba: max |diff| = {max_diff:.3e}")
    if max_diff > 1e-5:
        print("ERROR: ONNX probabilities differ from predict_proba by more than 1e-5", file=sys.stderr)
        return 1
    label_mismatch = (onnx_label != clf.predict(X_test)) & (np.abs(sk_proba[:, 1] - THRESHOLD) > 1e-5)
    if label_mismatch.any():
        print(f"ERROR: {int(label_mismatch.sum())} ONNX labels differ from predict()", file=sys.stderr)
        return 1

    ONNX_PATH.parent.mkdir(parents=True, exist_ok=True)
    ONNX_PATH.write_bytes(blob)
    parity_idx = idx_test[:N_PARITY_ROWS]
    write_parity_csv(PARITY_PATH, data, parity_idx, onnx_proba[:N_PARITY_ROWS, 1])

    opsets = ", ".join(f"{o.domain or 'ai.onnx'}={o.version}" for o in model.opset_import)
    print(f"coefficients: {np.round(clf.coef_[0], 4).tolist()} intercept {clf.intercept_[0]:.4f}")
    print(f"wrote {ONNX_PATH.relative_to(REPO_ROOT)} ({len(blob)} bytes, IR {model.ir_version}, opsets {opsets})")
    print(f"  sha256 {hashlib.sha256(blob).hexdigest()}")
    print(f"wrote {PARITY_PATH.relative_to(REPO_ROOT)} ({len(parity_idx)} rows)")
    print(f"  sha256 {hashlib.sha256(PARITY_PATH.read_bytes()).hexdigest()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
