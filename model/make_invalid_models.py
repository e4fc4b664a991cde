"""Writes the deliberately incompatible ONNX files the worker's tests load
(worker-service/src/test/resources/model/): the worker must refuse them with a clear message.

Run with the model environment: model/.venv/bin/python model/make_invalid_models.py
"""
from pathlib import Path

import onnx
from onnx import TensorProto, helper

OUT = Path(__file__).resolve().parent.parent / "worker-service/src/test/resources/model"


def write(name, feature_count, metadata):
    features = helper.make_tensor_value_info("features", TensorProto.FLOAT, [None, feature_count])
    probabilities = helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, [None, 2])
    graph = helper.make_graph([helper.make_node("Identity", ["features"], ["probabilities"])], "invalid",
                              [features], [probabilities])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    for key, value in metadata.items():
        entry = model.metadata_props.add()
        entry.key, entry.value = key, value
    onnx.save(model, OUT / name)


if __name__ == "__main__":
    write("wrong-feature-count.onnx", 5, {"model_name": "wrong-inputs", "model_version": "1", "threshold": "0.5",
                                          "categories": "1,2,3,4,5,6,7,8"})
    write("no-metadata.onnx", 12, {})
