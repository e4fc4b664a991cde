/**
 * The moderation worker: reads requests from Kafka ({@code intake}), decides and stores
 * each task ({@code moderation}), scores ads with the ONNX model ({@code scoring}) loaded
 * from the bundled file or the MLflow registry ({@code mlflow}). Dead letters are
 * {@link org.admoderation.common.deadletter}'s.
 */
@NullMarked
package org.admoderation.worker;

import org.jspecify.annotations.NullMarked;
