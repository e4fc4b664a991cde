@NullMarked
package org.admoderation.api.web;

import org.jspecify.annotations.NullMarked;
