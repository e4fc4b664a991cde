/**
 * The moderation model: text signals with evidence, a pretrained sentence encoder and a
 * trained per-policy head, thresholds and the approve / review / reject decision.
 */
@NullMarked
package org.admoderation.model;

import org.jspecify.annotations.NullMarked;
