package org.admoderation.model;

import java.math.BigDecimal;

/**
 * What the model looks at: an advertisement and the one fact about its seller that
 * matters.
 */
public record Advertisement(long id, String title, String description, int category, BigDecimal price, int imagesQty,
		boolean sellerVerified) {

}
