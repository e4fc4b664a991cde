@NullMarked
package org.admoderation.common.config;

import org.jspecify.annotations.NullMarked;
