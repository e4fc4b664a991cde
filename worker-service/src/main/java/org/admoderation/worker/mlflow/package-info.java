/**
 * The MLflow model registry over its REST API: resolve a registered model by alias or
 * version and download its ONNX file; register the bundled model.
 */
@NullMarked
package org.admoderation.worker.mlflow;

import org.jspecify.annotations.NullMarked;
