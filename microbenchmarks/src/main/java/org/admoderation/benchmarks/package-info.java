/**
 * JMH benchmarks of the worker's hot paths.
 */
@NullMarked
package org.admoderation.benchmarks;

import org.jspecify.annotations.NullMarked;
