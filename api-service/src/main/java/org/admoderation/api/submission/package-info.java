@NullMarked
package org.admoderation.api.submission;

import org.jspecify.annotations.NullMarked;
