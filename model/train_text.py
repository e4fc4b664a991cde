#!/usr/bin/env python3
"""Train, evaluate and export `moderation-text` (model/train.sh runs this; see MODEL_CARD.md).

Steps (all deterministic, seeds below):
 1. generate_ads.generate(): N_ADS synthetic Russian ads with labels (the rules are documented there);
 2. stratified split: 70 % train, 10 % validation (threshold), 20 % held-out test (reported figures);
 3. character n-gram vocabulary + idf from the training texts (text_graph.py explains the features);
 4. the featurising part of text_graph.build() runs in onnxruntime to produce the feature matrix:
    first the n-gram block (to fit the in-graph expected-price ridge on clean training ads), then
    the full matrix X;
 5. LogisticRegression on X[train]; threshold = the one maximising F1 on validation;
 6. held-out metrics; the exported graph (featuriser + classifier) is checked against
    scikit-learn's predict_proba on the whole test split (max |diff| <= 1e-5);
 7. writes the ONNX model, the Java parity fixture, MODEL_CARD.md and model/metrics.json;
 8. with --register: logs the run to MLflow (MLFLOW_TRACKING_URI), registers the model as
    `moderation-text` and points the alias `champion` at the new version.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
import scipy.sparse as sp
import sklearn
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.metrics import average_precision_score, precision_recall_curve, roc_auc_score
from sklearn.model_selection import train_test_split

import generate_ads as gen
import text_graph as tg

MODEL_NAME = "moderation-text"
MODEL_VERSION = 2
SPLIT_SEED = 20251129
VOCAB_SIZE = 12_000
MIN_DF = 3
RIDGE_ALPHA = 1.0
LR_C = 1.0
BATCH = 256
N_PARITY = 360
N_NOVEL = 3000
CATEGORIES = list(range(1, 9))

MODEL_DIR = Path(__file__).resolve().parent
REPO_ROOT = MODEL_DIR.parent
ONNX_PATH = REPO_ROOT / "worker-service/src/main/resources/model/moderation-text.onnx"
PARITY_PATH = REPO_ROOT / "worker-service/src/test/resources/model/text-parity.jsonl"
CARD_PATH = MODEL_DIR / "MODEL_CARD.md"
METRICS_PATH = MODEL_DIR / "metrics.json"

INPUT_SCHEMA = (
    "text: string[N] = title + '\\n' + description, raw (the graph lower-cases and tokenises); "
    "features: float32[N,12] = seller_is_verified (1/0), images_qty, (float)log1p(description length in UTF-16 "
    "chars), (float)log1p(price), one-hot category 1..8 at indices 4..11"
)
EXAMPLES = {
    "demo_violation": dict(title="iPhone 15 Pro Max новый",
                           description="Новый, звоните 8-916-123-45-67 или пишите в телеграм @fast_phone, только 100% "
                                       "предоплата на карту.",
                           category=1, price=9000.0, images_qty=0, seller_is_verified=False),
    "demo_clean": dict(title="Дубовый обеденный стол",
                       description="Массивный дубовый стол 160x90 см, на шесть персон. Небольшие царапины на одной "
                                   "ножке, см. фото. Самовывоз, помогу загрузить.",
                       category=3, price=18000.0, images_qty=6, seller_is_verified=True),
}


def session(model: onnx.ModelProto) -> ort.InferenceSession:
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    opts.inter_op_num_threads = 1
    opts.log_severity_level = 3
    return ort.InferenceSession(model.SerializeToString(), opts, providers=["CPUExecutionProvider"])


def run_batched(sess: ort.InferenceSession, ads, output: str, sparse: bool = False):
    texts = np.array([a.text for a in ads], dtype=object)
    feats = tg.structured_features(ads)
    parts = []
    for i in range(0, len(ads), BATCH):
        out = sess.run([output], {"text": texts[i:i + BATCH], "features": feats[i:i + BATCH]})[0]
        parts.append(sp.csr_matrix(out) if sparse else out)
    return sp.vstack(parts).tocsr() if sparse else np.concatenate(parts)


def char_ngrams(text: str) -> set[str]:
    t = text.lower()
    return {t[i:i + n] for n in range(tg.NGRAM_MIN, tg.NGRAM_MAX + 1) for i in range(len(t) - n + 1)}


def build_vocabulary(texts: list[str]) -> tuple[list[str], np.ndarray]:
    df: Counter[str] = Counter()
    for t in texts:
        df.update(char_ngrams(t))
    ranked = sorted((g for g, c in df.items() if c >= MIN_DF), key=lambda g: (-df[g], g))[:VOCAB_SIZE]
    vocab = sorted(ranked, key=lambda g: (len(g), g))
    n = len(texts)
    idf = np.array([np.log((1 + n) / (1 + df[g])) + 1.0 for g in vocab])
    return vocab, idf


def check_lowercase(ads) -> int:
    """Count texts whose in-graph LOWER differs from Python's str.lower()."""
    from onnx import TensorProto, helper
    g = helper.make_graph([helper.make_node("StringNormalizer", ["text"], ["y"], case_change_action="LOWER",
                                            locale=tg.LOCALE)], "lower",
                          [helper.make_tensor_value_info("text", TensorProto.STRING, ["N"])],
                          [helper.make_tensor_value_info("y", TensorProto.STRING, ["N"])])
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", tg.OPSET)])
    m.ir_version = tg.IR_VERSION
    texts = np.array([a.text for a in ads], dtype=object)
    lowered = session(m).run(None, {"text": texts})[0]
    return int(sum(1 for t, low in zip(texts, lowered) if t.lower() != low))


def metrics_at(y: np.ndarray, p: np.ndarray, thr: float) -> dict[str, float]:
    pred = p >= thr
    tp = int((pred & (y == 1)).sum())
    fp = int((pred & (y == 0)).sum())
    fn = int((~pred & (y == 1)).sum())
    precision = tp / max(tp + fp, 1)
    recall = tp / max(tp + fn, 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-12)
    return {"precision": precision, "recall": recall, "f1": f1}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--register", action="store_true", help="log and register the model in MLflow")
    args = parser.parse_args()
    t0 = time.time()

    ads = gen.generate(gen.N_ADS, gen.SEED)
    y = np.array([a.label for a in ads])
    idx = np.arange(len(ads))
    idx_train, idx_rest = train_test_split(idx, test_size=0.30, random_state=SPLIT_SEED, stratify=y)
    idx_val, idx_test = train_test_split(idx_rest, test_size=2 / 3, random_state=SPLIT_SEED, stratify=y[idx_rest])
    train, val, test = ([ads[i] for i in s] for s in (idx_train, idx_val, idx_test))
    print(f"dataset: {len(ads)} ads, violations {y.mean():.3f}; train {len(train)}, validation {len(val)}, "
          f"test {len(test)} ({time.time() - t0:.1f}s)")

    mismatches = check_lowercase(ads)
    print(f"StringNormalizer LOWER (locale {tg.LOCALE}) vs str.lower(): {mismatches} of {len(ads)} texts differ")
    if mismatches:
        print("ERROR: in-graph lower-casing does not match", file=sys.stderr)
        return 1

    vocab, idf = build_vocabulary([a.text for a in train])
    print(f"vocabulary: {len(vocab)} char n-grams ({Counter(len(g) for g in vocab)}) ({time.time() - t0:.1f}s)")

    # expected-price ridge on clean, priced training ads
    text_vec = run_batched(session(tg.build(vocab, idf)), train, "text_vector", sparse=True)
    cats = sp.csr_matrix(tg.structured_features(train)[:, 4:12])
    priced = np.array([a.label == 0 and a.price > 0 for a in train])
    logp = tg.structured_features(train)[:, 3].astype(np.float64)
    ridge = Ridge(alpha=RIDGE_ALPHA, solver="sparse_cg", tol=1e-8, max_iter=5000, fit_intercept=True)
    ridge.fit(sp.hstack([text_vec, cats]).tocsr()[priced], logp[priced])
    resid = logp[priced] - ridge.predict(sp.hstack([text_vec, cats]).tocsr()[priced])
    print(f"price ridge: in-sample residual std {resid.std():.3f} ({time.time() - t0:.1f}s)")
    price_model = (ridge.coef_.astype(np.float32), float(ridge.intercept_))

    feat_sess = session(tg.build(vocab, idf, price_model))
    X = {name: run_batched(feat_sess, part, "X", sparse=True) for name, part in
         (("train", train), ("val", val), ("test", test))}
    print(f"features: {X['train'].shape[1]} columns ({time.time() - t0:.1f}s)")
    yt, yv, ytest = y[idx_train], y[idx_val], y[idx_test]

    # out-of-sample check of the price model on clean validation ads
    nv = len(vocab)
    val_priced = np.array([a.label == 0 and a.price > 0 for a in val])
    val_in = sp.hstack([X["val"][:, :nv], X["val"][:, -8:]]).tocsr()
    val_resid = tg.structured_features(val)[:, 3] - ridge.predict(val_in)
    print(f"price ridge: validation residual std {val_resid[val_priced].std():.3f}")

    clf = LogisticRegression(C=LR_C, solver="lbfgs", max_iter=5000, tol=1e-8, random_state=0)
    clf.fit(X["train"], yt)
    p_val = clf.predict_proba(X["val"])[:, 1]
    prec, rec, thr = precision_recall_curve(yv, p_val)
    f1 = 2 * prec[:-1] * rec[:-1] / np.maximum(prec[:-1] + rec[:-1], 1e-12)
    best = int(np.argmax(f1))
    threshold = float(round(float(thr[best]), 4))
    print(f"classifier fitted ({time.time() - t0:.1f}s); threshold {threshold} (validation F1 {f1[best]:.4f})")

    p_test = clf.predict_proba(X["test"])[:, 1]
    roc = float(roc_auc_score(ytest, p_test))
    pr = float(average_precision_score(ytest, p_test))
    at = metrics_at(ytest, p_test, threshold)
    pred = p_test >= threshold
    per_type = {}
    for t in gen.VIOLATION_TYPES:
        m = np.array([a.violation_type == t and a.label == 1 for a in test])
        per_type[t] = {"n": int(m.sum()), "recall": float(pred[m].mean()) if m.any() else float("nan")}
    # any-type recall: an ad counts for every type it has
    per_type_any = {}
    for t in gen.VIOLATION_TYPES:
        m = np.array([t in a.violation_types and a.label == 1 for a in test])
        per_type_any[t] = {"n": int(m.sum()), "recall": float(pred[m].mean()) if m.any() else float("nan")}
    hard = {}
    for k in gen.HARD_NEGATIVE_KINDS:
        m = np.array([a.hard_negative == k and a.label == 0 for a in test])
        hard[k] = {"n": int(m.sum()), "fpr": float(pred[m].mean()) if m.any() else float("nan")}
    hn_mask = np.array([bool(a.hard_negative) and a.label == 0 for a in test])
    plain_mask = np.array([not a.hard_negative and not a.violation_types and a.label == 0 for a in test])
    rule_labels = np.array([int(bool(a.violation_types)) for a in test])
    noise_free = metrics_at(rule_labels, p_test, threshold)
    summary = {
        "roc_auc": roc, "pr_auc": pr, **at, "threshold": threshold,
        "hard_negative_fpr": float(pred[hn_mask].mean()), "plain_clean_fpr": float(pred[plain_mask].mean()),
        "n_test": len(test), "test_positive_rate": float(ytest.mean()),
        "noise_free": {**noise_free, "roc_auc": float(roc_auc_score(rule_labels, p_test))},
        "label_noise_ceiling": {"roc_auc": float(roc_auc_score(ytest, rule_labels)),
                                **metrics_at(ytest, rule_labels.astype(float), 0.5)},
        "validation_f1": float(f1[best]),
    }
    print(f"held-out: ROC-AUC {roc:.4f}, PR-AUC {pr:.4f}, precision {at['precision']:.4f}, recall {at['recall']:.4f}, "
          f"F1 {at['f1']:.4f}; hard-negative FPR {summary['hard_negative_fpr']:.4f}")
    for t in gen.VIOLATION_TYPES:
        print(f"  recall {t:<22} {per_type[t]['recall']:.3f} (n={per_type[t]['n']})")
    for k in gen.HARD_NEGATIVE_KINDS:
        print(f"  hard negative {k:<20} FPR {hard[k]['fpr']:.3f} (n={hard[k]['n']})")

    # generalisation: ads whose violations use phrasings, formats and goods the training data never has
    novel = gen.generate(N_NOVEL, gen.SEED + 1, novel=True)
    y_novel = np.array([a.label for a in novel])
    p_novel = clf.predict_proba(run_batched(feat_sess, novel, "X", sparse=True))[:, 1]
    pred_novel = p_novel >= threshold
    novel_summary = {"n": len(novel), "roc_auc": float(roc_auc_score(y_novel, p_novel)),
                     "pr_auc": float(average_precision_score(y_novel, p_novel)), **metrics_at(y_novel, p_novel, threshold)}
    novel_types = {}
    for t in gen.VIOLATION_TYPES:
        m = np.array([a.violation_type == t and a.label == 1 for a in novel])
        novel_types[t] = {"n": int(m.sum()), "recall": float(pred_novel[m].mean()) if m.any() else float("nan")}
    m = np.array([bool(a.hard_negative) and a.label == 0 for a in novel])
    novel_summary["hard_negative_fpr"] = float(pred_novel[m].mean())
    novel_summary["per_type_recall"] = novel_types
    print(f"novel phrasings ({len(novel)} ads): ROC-AUC {novel_summary['roc_auc']:.4f}, PR-AUC {novel_summary['pr_auc']:.4f}, "
          f"precision {novel_summary['precision']:.4f}, recall {novel_summary['recall']:.4f}; "
          + ", ".join(f"{t} {v['recall']:.2f}" for t, v in novel_types.items()))

    # export: featuriser + classifier, checked against predict_proba on the whole test split
    model = tg.build(vocab, idf, price_model, (clf.coef_[0], float(clf.intercept_[0]), threshold))
    props = {
        "model_name": MODEL_NAME, "model_version": str(MODEL_VERSION), "threshold": f"{threshold}",
        "categories": ",".join(map(str, CATEGORIES)), "inputs": "text,features", "input_schema": INPUT_SCHEMA,
        "roc_auc": f"{roc:.4f}", "pr_auc": f"{pr:.4f}", "precision": f"{at['precision']:.4f}",
        "recall": f"{at['recall']:.4f}", "f1": f"{at['f1']:.4f}",
        **{f"recall_{t}": f"{per_type[t]['recall']:.4f}" for t in gen.VIOLATION_TYPES},
        "hard_negative_fpr": f"{summary['hard_negative_fpr']:.4f}",
        "trained_with": f"scikit-learn {sklearn.__version__}, onnx {onnx.__version__}, onnxruntime {ort.__version__}, "
                        f"numpy {np.__version__}",
        "dataset": "synthetic Russian classified ads, model/generate_ads.py",
        "dataset_size": str(len(ads)), "test_size": str(len(test)), "seed": str(gen.SEED), "split_seed": str(SPLIT_SEED),
        "features": f"{len(vocab)} char 1-4-gram tf-idf + " + ",".join(tg.DENSE_FEATURES),
    }
    onnx.helper.set_model_props(model, props)
    model.producer_name = "ad-moderation model/train_text.py"
    model.producer_version = f"onnx {onnx.__version__}"
    model.domain = "ad.moderation"
    model.model_version = MODEL_VERSION
    model.doc_string = ("Ad moderation text model: char n-gram TF-IDF, regex, case, repetition and price features "
                        "computed in the graph from the raw text and 12 structured features; logistic regression. "
                        "Trained on synthetic data (model/generate_ads.py). Output probabilities[:,1] = P(violation).")
    blob = model.SerializeToString(deterministic=True)
    sess = ort.InferenceSession(blob, providers=["CPUExecutionProvider"])  # default options, like the worker
    assert [i.name for i in sess.get_inputs()] == ["text", "features"]
    assert [o.name for o in sess.get_outputs()] == ["label", "probabilities"]
    onnx_p = run_batched(sess, test, "probabilities")[:, 1]
    diff = float(np.max(np.abs(onnx_p.astype(np.float64) - p_test)))
    print(f"onnxruntime {ort.__version__} vs predict_proba on {len(test)} test ads: max |diff| = {diff:.2e}")
    if diff > 1e-5:
        print("ERROR: ONNX probabilities differ from predict_proba by more than 1e-5", file=sys.stderr)
        return 1

    # parity fixture: a deterministic mix of held-out ads covering every type and hard negative
    chosen: list[int] = []
    for key in [("v", t) for t in gen.VIOLATION_TYPES] + [("h", k) for k in gen.HARD_NEGATIVE_KINDS]:
        picks = [i for i, a in enumerate(test) if (a.violation_type if key[0] == "v" else a.hard_negative) == key[1]]
        chosen.extend(picks[:12])
    chosen.extend(i for i in range(len(test)) if i not in set(chosen))
    chosen = sorted(chosen[:N_PARITY])
    fixture_ads = [test[i] for i in chosen]
    single = np.array([sess.run(["probabilities"], {"text": np.array([a.text], dtype=object),
                                                    "features": tg.structured_features([a])})[0][0, 1]
                       for a in fixture_ads])
    batch_diff = float(np.max(np.abs(single.astype(np.float64) - onnx_p[chosen])))
    print(f"fixture: {len(fixture_ads)} ads; one-at-a-time vs batched max |diff| = {batch_diff:.2e}")
    lines = []
    for a, p in zip(fixture_ads, single):
        # price with exactly 2 decimals and the float32 probability with 9 significant digits, as JSON numbers
        row = json.dumps({"title": a.title, "description": a.description, "category": a.category,
                          "price": "@PRICE@", "images_qty": a.images_qty, "seller_is_verified": a.seller_is_verified,
                          "violation_type": a.violation_type, "probability": "@P@"}, ensure_ascii=False)
        lines.append(row.replace('"@PRICE@"', f"{a.price:.2f}").replace('"@P@"', f"{float(p):.9g}"))

    examples = {}
    for name, e in EXAMPLES.items():
        ad = gen.Ad(e["title"], e["description"], e["category"], e["price"], e["images_qty"],
                    e["seller_is_verified"], 0.0)
        p = float(sess.run(["probabilities"], {"text": np.array([ad.text], dtype=object),
                                               "features": tg.structured_features([ad])})[0][0, 1])
        examples[name] = p
        print(f"example {name}: P(violation) = {p:.6f} -> is_violation {p >= threshold}")
    print("plain clean test ads: P quantiles 50/90/99%:", np.round(np.quantile(p_test[plain_mask], [0.5, 0.9, 0.99]), 4))

    ONNX_PATH.parent.mkdir(parents=True, exist_ok=True)
    ONNX_PATH.write_bytes(blob)
    PARITY_PATH.parent.mkdir(parents=True, exist_ok=True)
    PARITY_PATH.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")
    sha = hashlib.sha256(blob).hexdigest()
    opsets = ", ".join(f"{o.domain or 'ai.onnx'} {o.version}" for o in model.opset_import)
    print(f"wrote {ONNX_PATH.relative_to(REPO_ROOT)} ({len(blob)} bytes, IR {model.ir_version}, opsets {opsets})")
    print(f"  sha256 {sha}")
    print(f"wrote {PARITY_PATH.relative_to(REPO_ROOT)} sha256 {hashlib.sha256(PARITY_PATH.read_bytes()).hexdigest()}")

    counts = Counter(a.violation_type for a in ads)
    info = {
        "model": {"name": MODEL_NAME, "version": MODEL_VERSION, "file": str(ONNX_PATH.relative_to(REPO_ROOT)),
                  "bytes": len(blob), "sha256": sha, "ir_version": model.ir_version, "opsets": opsets,
                  "n_features": int(X["train"].shape[1]), "vocabulary": len(vocab)},
        "params": {"n_ads": len(ads), "seed": gen.SEED, "split_seed": SPLIT_SEED, "label_noise": gen.LABEL_NOISE,
                   "vocab_size": VOCAB_SIZE, "min_df": MIN_DF, "ngram_range": f"{tg.NGRAM_MIN}-{tg.NGRAM_MAX}",
                   "ridge_alpha": RIDGE_ALPHA, "lr_C": LR_C, "threshold": threshold, "n_parity": len(fixture_ads)},
        "data": {"violation_rate": float(y.mean()), "types": dict(sorted(counts.items())),
                 "hard_negatives": dict(sorted(Counter(a.hard_negative for a in ads if a.hard_negative).items())),
                 "label_noise_rows": int(sum(a.label_noise for a in ads)),
                 "categories": dict(sorted(Counter(a.category for a in ads).items())),
                 "train": len(train), "validation": len(val), "test": len(test)},
        "metrics": summary, "per_type_recall": per_type, "per_type_recall_any": per_type_any,
        "hard_negative_fpr": hard, "examples": examples, "novel": novel_summary,
        "price_ridge": {"in_sample_resid_std": float(resid.std()), "validation_resid_std": float(val_resid[val_priced].std())},
        "checks": {"onnx_vs_sklearn_max_abs_diff": diff, "single_vs_batch_max_abs_diff": batch_diff,
                   "lowercase_mismatches": mismatches},
        "environment": {"python": platform.python_version(), "sklearn": sklearn.__version__, "onnx": onnx.__version__,
                        "onnxruntime": ort.__version__, "numpy": np.__version__},
    }
    METRICS_PATH.write_text(json.dumps(info, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    import model_card
    CARD_PATH.write_text(model_card.render(info, props), encoding="utf-8")
    print(f"wrote {CARD_PATH.relative_to(REPO_ROOT)} and {METRICS_PATH.relative_to(REPO_ROOT)} "
          f"(total {time.time() - t0:.1f}s)")

    if args.register:
        register(info, props, blob)
    return 0


def register(info: dict, props: dict, blob: bytes) -> None:
    """Log the run (params, metrics, model/model.onnx) and register it as `moderation-text` @champion."""
    import mlflow
    from mlflow.tracking import MlflowClient

    uri = os.environ.get("MLFLOW_TRACKING_URI")
    if not uri:
        raise SystemExit("--register needs MLFLOW_TRACKING_URI (e.g. http://127.0.0.1:5000)")
    mlflow.set_tracking_uri(uri)
    mlflow.set_experiment(os.environ.get("MLFLOW_EXPERIMENT_NAME", MODEL_NAME))
    client = MlflowClient()
    with mlflow.start_run(run_name=f"{MODEL_NAME}-v{MODEL_VERSION}") as run:
        mlflow.log_params({k: v for k, v in info["params"].items()})
        mlflow.log_params({"model_name": MODEL_NAME, "model_version": MODEL_VERSION, "sha256": info["model"]["sha256"],
                           "n_features": info["model"]["n_features"]})
        m = info["metrics"]
        mlflow.log_metrics({k: m[k] for k in ("roc_auc", "pr_auc", "precision", "recall", "f1", "hard_negative_fpr")})
        mlflow.log_metrics({f"recall_{t}": v["recall"] for t, v in info["per_type_recall"].items()})
        mlflow.set_tags({"model_name": MODEL_NAME, "threshold": props["threshold"], "inputs": props["inputs"]})
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "model.onnx"
            path.write_bytes(blob)
            mlflow.log_artifact(str(path), artifact_path="model")
            (Path(tmp) / "MODEL_CARD.md").write_text(CARD_PATH.read_text(encoding="utf-8"), encoding="utf-8")
            mlflow.log_artifact(str(Path(tmp) / "MODEL_CARD.md"), artifact_path="model")
        source = f"{run.info.artifact_uri}/model"
        run_id = run.info.run_id
    try:
        client.get_registered_model(MODEL_NAME)
    except Exception:  # noqa: BLE001 - not registered yet
        client.create_registered_model(MODEL_NAME, description="Ad moderation text model (ONNX, model.onnx)")
    mv = client.create_model_version(MODEL_NAME, source=source, run_id=run_id,
                                     tags={"sha256": info["model"]["sha256"], "threshold": props["threshold"]})
    client.set_registered_model_alias(MODEL_NAME, "champion", mv.version)
    print(f"registered {MODEL_NAME} version {mv.version} (alias champion), run {run_id}, source {source}")


if __name__ == "__main__":
    sys.exit(main())
