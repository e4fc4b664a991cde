"""Writes the deliberately incompatible heads PolicyModelTests loads
(moderation-model/src/test/resources/incompatible-heads/): the worker must refuse each with a message
an operator can act on. Each is a tiny graph carrying the bundled head's metadata with one thing
wrong, so rerun this after a retraining changes the signals or the policies:

    model/.venv/bin/python model/make_invalid_models.py
"""
import json
from pathlib import Path

import onnx
from onnx import TensorProto, helper

REPO = Path(__file__).resolve().parent.parent
HEAD = REPO / "moderation-model/src/main/resources/model/moderation-policies.onnx"
OUT = REPO / "moderation-model/src/test/resources/incompatible-heads"


def write(name: str, metadata: dict, inputs=("embedding", "signals"), scores_type=TensorProto.FLOAT,
          scores_width=None, declared_width="policies") -> None:
    """One head with one thing wrong. scores_width: how many columns policy_scores really has (the
    policy count unless given; "rows": as many as the call has ads); declared_width: what the graph declares ("policies", a number, or None
    for a dimension left open, which only running the head reveals)."""
    signal_count = len(metadata.get("signals", "x").split(","))
    policy_count = len(metadata.get("policies", "x").split(","))
    width = policy_count if scores_width in (None, "rows") else scores_width
    declared = policy_count if declared_width == "policies" else declared_width
    graph_inputs = [helper.make_tensor_value_info(inputs[0], TensorProto.FLOAT, [None, 512]),
                    helper.make_tensor_value_info(inputs[1], TensorProto.FLOAT, [None, signal_count])]
    outputs = [helper.make_tensor_value_info("policy_scores", scores_type, [None, declared]),
               helper.make_tensor_value_info("prototype_similarity", TensorProto.FLOAT, [None, 512])]
    # the scores' values do not matter: each head is refused at loading or at its first call
    scores = "policy_scores" if scores_type == TensorProto.FLOAT else "float_scores"
    ends = "ends"
    nodes = [helper.make_node("Identity", [inputs[0]], ["prototype_similarity"])]
    if scores_width == "rows":
        # as many scores as ads: known only when the head runs, so it loads and fails on its first call
        ends = "row_count"
        nodes += [helper.make_node("Shape", [inputs[0]], ["embedding_shape"]),
                  helper.make_node("Slice", ["embedding_shape", "starts", "one"], ["row_count"])]
    nodes.append(helper.make_node("Slice", [inputs[1], "starts", ends, "axes"], [scores]))
    if scores_type != TensorProto.FLOAT:
        nodes.append(helper.make_node("Cast", [scores], ["policy_scores"], to=scores_type))
    slice_bounds = [helper.make_tensor(name, TensorProto.INT64, [1], [value])
                    for name, value in (("starts", 0), ("ends", width), ("axes", 1), ("one", 1))]
    model = helper.make_model(helper.make_graph(nodes, "incompatible", graph_inputs, outputs, slice_bounds),
                              opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    for key, value in metadata.items():
        entry = model.metadata_props.add()
        entry.key, entry.value = key, value
    onnx.checker.check_model(model)
    onnx.save(model, OUT / name)


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    bundled = {p.key: p.value for p in onnx.load(HEAD).metadata_props}
    signals = bundled["signals"].split(",")
    write("no-metadata.onnx", {})
    write("other-signals.onnx", bundled | {"signals": ",".join(signals[:-1])})
    write("other-encoder.onnx", bundled | {"encoder_sha256": "0" * 64})
    write("wrong-inputs.onnx", bundled, inputs=("features", "signals"))
    thresholds = json.loads(bundled["thresholds"])
    thresholds["suspicious_price"]["reject"] = 0.9
    write("price-rejects.onnx", bundled | {"thresholds": json.dumps(thresholds, sort_keys=True)})
    write("unknown-policy.onnx", bundled | {"policies": bundled["policies"] + ",politics"})
    evidence = json.loads(bundled["evidence_signals"])
    evidence["spam"] = evidence["spam"] + ["shouting_loudly"]
    write("unknown-evidence.onnx", bundled | {"evidence_signals": json.dumps(evidence, sort_keys=True)})
    # outputs a worker cannot read: scores as integers, too few of them, and too few only at run time
    write("integer-scores.onnx", bundled, scores_type=TensorProto.INT64)
    write("narrow-scores.onnx", bundled, scores_width=2, declared_width=2)
    write("undeclared-narrow-scores.onnx", bundled, scores_width="rows", declared_width=None)
    print("wrote", sorted(p.name for p in OUT.glob("*.onnx")))
