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


def write(name: str, metadata: dict, inputs=("embedding", "signals")) -> None:
    signal_count = len(metadata.get("signals", "x").split(","))
    policy_count = len(metadata.get("policies", "x").split(","))
    graph_inputs = [helper.make_tensor_value_info(inputs[0], TensorProto.FLOAT, [None, 512]),
                    helper.make_tensor_value_info(inputs[1], TensorProto.FLOAT, [None, signal_count])]
    outputs = [helper.make_tensor_value_info("policy_scores", TensorProto.FLOAT, [None, policy_count]),
               helper.make_tensor_value_info("prototype_similarity", TensorProto.FLOAT, [None, 512])]
    # the scores' values do not matter: every head here is refused before it runs
    nodes = [helper.make_node("Slice", [inputs[1], "starts", "ends", "axes"], ["policy_scores"]),
             helper.make_node("Identity", [inputs[0]], ["prototype_similarity"])]
    slice_bounds = [helper.make_tensor(name, TensorProto.INT64, [1], [value])
                    for name, value in (("starts", 0), ("ends", policy_count), ("axes", 1))]
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
    print("wrote", sorted(p.name for p in OUT.glob("*.onnx")))
