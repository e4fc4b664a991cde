package org.admoderation.api.admin;

/**
 * An admin call came without the admin API key, or with a wrong one.
 */
public class AdminAccessDenied extends RuntimeException {

	public AdminAccessDenied() {
		super("A valid X-Admin-Key header is required");
	}

}
