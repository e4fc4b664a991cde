package org.admoderation.common.security;

import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;

/**
 * What a key lets its holder do. Every key has one role; an operator's includes all the
 * others.
 */
public enum Role {

	/** A marketplace's backend: submits ads and reads their results. */
	CLIENT,

	/** A person working the review queue. */
	REVIEWER,

	/**
	 * Prometheus: reads the metrics and nothing else, so a leaked scrape config redrives
	 * nothing.
	 */
	METRICS,

	/**
	 * Everything: redrive, every actuator endpoint, health details, and what the others
	 * may do.
	 */
	OPERATOR;

	/** The authority Spring Security's {@code hasRole(name())} looks for. */
	public String authority() {
		return "ROLE_" + name();
	}

	/** Whether a holder of this role may do what {@code other} may. */
	public boolean includes(Role other) {
		return this == OPERATOR || this == other;
	}

	/** {@link #includes} as Spring Security applies it to {@code hasRole}. */
	static RoleHierarchy hierarchy() {
		return RoleHierarchyImpl.withDefaultRolePrefix()
			.role(OPERATOR.name())
			.implies(CLIENT.name(), REVIEWER.name(), METRICS.name())
			.build();
	}

}
