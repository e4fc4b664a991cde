package org.admoderation.worker.scoring;

import java.io.IOException;
import java.io.InputStream;

import org.springframework.core.io.Resource;

/**
 * A model file on the classpath (the bundled one) or on disk ({@code MODEL_PATH}).
 */
public class ResourceModelSource implements ModelSource {

	private final Resource resource;

	private final String description;

	public ResourceModelSource(Resource resource, String description) {
		this.resource = resource;
		this.description = description;
	}

	@Override
	public String description() {
		return this.description;
	}

	@Override
	public byte[] fetch() {
		try (InputStream input = this.resource.getInputStream()) {
			return input.readAllBytes();
		}
		catch (IOException ex) {
			throw new ModelUnavailable(this.description + " cannot be read: " + ex.getMessage(), ex);
		}
	}

}
