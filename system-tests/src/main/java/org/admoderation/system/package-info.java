/**
 * The harness for system-level runs: real PostgreSQL and Kafka brokers, the API and
 * workers as separate JVM processes ({@link org.admoderation.system.ModerationCluster}),
 * a load generator, and the {@link org.admoderation.system.PipelineBenchmark}, a
 * {@code main} run by {@code system-tests/bench.sh}. The fault scenarios that use it are
 * this module's tests, run by {@code system-tests/run.sh}.
 */
@NullMarked
package org.admoderation.system;

import org.jspecify.annotations.NullMarked;
