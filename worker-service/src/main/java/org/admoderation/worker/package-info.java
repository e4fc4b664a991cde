/**
 * The moderation worker: reads requests from Kafka ({@code intake}), scores ads with the
 * ONNX model ({@code scoring}), stores results ({@code moderation}) and dead-letters
 * failures ({@code deadletter}).
 */
@NullMarked
package org.admoderation.worker;

import org.jspecify.annotations.NullMarked;
