package org.admoderation.common.task;

import java.util.Locale;

/** Who made a decision of the audit trail. */
public enum ActorKind {

	/** The model, named by its version. */
	MODEL,

	/** A person working the review queue. */
	REVIEWER,

	/** An operator, who may override a reviewer. */
	OPERATOR;

	/** As {@code decisions.actor_kind} stores it. */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

}
