package org.admoderation.api.submission;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The optional JSON body of {@code POST /async_predict}: {@code {"item_id": 123}}.
 */
record SubmitModerationRequest(@JsonProperty("item_id") @Nullable Long itemId) {

}
