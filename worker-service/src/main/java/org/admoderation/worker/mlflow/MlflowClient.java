package org.admoderation.worker.mlflow;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.admoderation.worker.scoring.ModelUnavailable;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * The few MLflow REST calls the worker needs (listed in docs/operations.md): resolve a
 * model version, download its ONNX file through the tracking server's artifact proxy, and
 * register a file as a new version with an alias. No MLflow client library: the worker
 * stays a plain JVM service.
 */
public class MlflowClient {

	private static final String MLFLOW_ARTIFACTS_SCHEME = "mlflow-artifacts:";

	private final String trackingUri;

	private final RestClient rest;

	private final JsonMapper json;

	public MlflowClient(MlflowProperties properties, JsonMapper json) {
		this.trackingUri = properties.trackingUri().replaceAll("/+$", "");
		HttpClient http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
		requests.setReadTimeout(properties.timeout());
		this.rest = RestClient.builder().baseUrl(this.trackingUri).requestFactory(requests).build();
		this.json = json;
	}

	/**
	 * Finds a registered model's version by alias, or a fixed version when one is given.
	 * @throws ModelUnavailable when MLflow is unreachable or has no such model, alias or
	 * version
	 */
	public ModelVersion resolve(String name, String alias, @Nullable String version) {
		JsonNode response = (version != null && !version.isBlank())
				? get("/api/2.0/mlflow/model-versions/get?name=" + encode(name) + "&version=" + encode(version))
				: get("/api/2.0/mlflow/registered-models/alias?name=" + encode(name) + "&alias=" + encode(alias));
		JsonNode modelVersion = response.path("model_version");
		if (modelVersion.isMissingNode()) {
			throw new ModelUnavailable("MLflow at " + this.trackingUri + " answered without a model_version");
		}
		return new ModelVersion(modelVersion.path("name").asString(name), modelVersion.path("version").asString(),
				modelVersion.path("run_id").asString(""));
	}

	/**
	 * A parameter logged on a run, or null when the run has no such parameter.
	 * @throws ModelUnavailable when MLflow is unreachable or has no such run
	 */
	public @Nullable String runParameter(String runId, String key) {
		for (JsonNode parameter : get("/api/2.0/mlflow/runs/get?run_id=" + encode(runId)).path("run")
			.path("data")
			.path("params")) {
			if (key.equals(parameter.path("key").asString(""))) {
				return parameter.path("value").asString();
			}
		}
		return null;
	}

	/**
	 * Downloads a file of a model version's artifacts.
	 * @throws ModelUnavailable when it cannot
	 */
	public byte[] download(ModelVersion version, String fileName) {
		String artifactUri = get("/api/2.0/mlflow/model-versions/get-download-uri?name=" + encode(version.name())
				+ "&version=" + encode(version.version()))
			.path("artifact_uri")
			.asString("");
		String fileUri = artifactUri.replaceAll("/+$", "") + "/" + fileName;
		try {
			if (fileUri.startsWith(MLFLOW_ARTIFACTS_SCHEME)) {
				String path = fileUri.substring(MLFLOW_ARTIFACTS_SCHEME.length()).replaceFirst("^/+", "");
				return this.rest.get()
					.uri(URI.create(this.trackingUri + "/api/2.0/mlflow-artifacts/artifacts/" + path))
					.retrieve()
					.body(byte[].class);
			}
			if (fileUri.startsWith("http://") || fileUri.startsWith("https://")) {
				return this.rest.get().uri(URI.create(fileUri)).retrieve().body(byte[].class);
			}
			if (fileUri.startsWith("file:") || fileUri.startsWith("/")) {
				return Files
					.readAllBytes(fileUri.startsWith("file:") ? Path.of(URI.create(fileUri)) : Path.of(fileUri));
			}
		}
		catch (RestClientResponseException ex) {
			throw new ModelUnavailable("MLflow could not serve " + fileUri + ": HTTP " + ex.getStatusCode().value(),
					ex);
		}
		catch (ResourceAccessException ex) {
			throw unreachable(ex);
		}
		catch (java.io.IOException | RuntimeException ex) {
			throw new ModelUnavailable("Cannot read " + fileUri + ": " + ex.getMessage(), ex);
		}
		throw new ModelUnavailable("Model version " + version + " has artifacts at " + artifactUri
				+ ", which this worker cannot download (use an MLflow server with --serve-artifacts)");
	}

	/**
	 * Registers a model file as a new version: a run in the experiment holds the file
	 * (uploaded through the artifact proxy) with the given parameters and metrics, the
	 * version points at it, and the alias moves to it.
	 * @return the new version
	 */
	public ModelVersion register(String name, byte[] modelFile, String fileName, String experimentName, String alias,
			Map<String, String> parameters, Map<String, Double> metrics) {
		createRegisteredModelIfMissing(name);
		String experimentId = experimentId(experimentName);
		JsonNode run = post("/api/2.0/mlflow/runs/create", Map.of("experiment_id", experimentId, "run_name",
				"register-" + name, "start_time", System.currentTimeMillis()))
			.path("run")
			.path("info");
		String runId = run.path("run_id").asString();
		String artifactUri = run.path("artifact_uri").asString();
		parameters.forEach((key, value) -> post("/api/2.0/mlflow/runs/log-parameter",
				Map.of("run_id", runId, "key", key, "value", value)));
		metrics.forEach((key, value) -> post("/api/2.0/mlflow/runs/log-metric", Map.of("run_id", runId, "key", key,
				"value", value, "timestamp", System.currentTimeMillis(), "step", 0)));
		String modelDirectory = artifactUri.replaceAll("/+$", "") + "/model";
		upload(modelDirectory + "/" + fileName, modelFile);
		post("/api/2.0/mlflow/runs/update",
				Map.of("run_id", runId, "status", "FINISHED", "end_time", System.currentTimeMillis()));
		JsonNode created = post("/api/2.0/mlflow/model-versions/create",
				Map.of("name", name, "source", modelDirectory, "run_id", runId))
			.path("model_version");
		ModelVersion version = new ModelVersion(name, created.path("version").asString(), runId);
		post("/api/2.0/mlflow/registered-models/alias",
				Map.of("name", name, "alias", alias, "version", version.version()));
		return version;
	}

	private void createRegisteredModelIfMissing(String name) {
		try {
			this.rest.post()
				.uri("/api/2.0/mlflow/registered-models/create")
				.contentType(MediaType.APPLICATION_JSON)
				.body(this.json.writeValueAsString(Map.of("name", name)))
				.retrieve()
				.toBodilessEntity();
		}
		catch (RestClientResponseException ex) {
			if (!ex.getResponseBodyAsString().contains("RESOURCE_ALREADY_EXISTS")) {
				throw failed("create registered model " + name, ex);
			}
		}
		catch (ResourceAccessException ex) {
			throw unreachable(ex);
		}
	}

	private String experimentId(String experimentName) {
		try {
			return get("/api/2.0/mlflow/experiments/get-by-name?experiment_name=" + encode(experimentName))
				.path("experiment")
				.path("experiment_id")
				.asString();
		}
		catch (ModelUnavailable ex) {
			if (!(ex.getCause() instanceof RestClientResponseException response)
					|| response.getStatusCode().value() != 404) {
				throw ex;
			}
			return post("/api/2.0/mlflow/experiments/create", Map.of("name", experimentName)).path("experiment_id")
				.asString();
		}
	}

	private void upload(String artifactUri, byte[] content) {
		if (!artifactUri.startsWith(MLFLOW_ARTIFACTS_SCHEME)) {
			throw new ModelUnavailable("MLflow run artifacts live at " + artifactUri
					+ "; registering needs a server that proxies artifacts (--serve-artifacts)");
		}
		String path = artifactUri.substring(MLFLOW_ARTIFACTS_SCHEME.length()).replaceFirst("^/+", "");
		try {
			this.rest.put()
				.uri(URI.create(this.trackingUri + "/api/2.0/mlflow-artifacts/artifacts/" + path))
				.contentType(MediaType.APPLICATION_OCTET_STREAM)
				.body(content)
				.retrieve()
				.toBodilessEntity();
		}
		catch (RestClientResponseException ex) {
			throw failed("upload " + path, ex);
		}
		catch (ResourceAccessException ex) {
			throw unreachable(ex);
		}
	}

	private JsonNode get(String pathAndQuery) {
		try {
			String body = this.rest.get()
				.uri(URI.create(this.trackingUri + pathAndQuery))
				.retrieve()
				.body(String.class);
			return this.json.readTree((body != null) ? body : "{}");
		}
		catch (RestClientResponseException ex) {
			throw failed("GET " + pathAndQuery.replaceFirst("\\?.*", ""), ex);
		}
		catch (ResourceAccessException ex) {
			throw unreachable(ex);
		}
		catch (RuntimeException ex) {
			throw unexpected("GET " + pathAndQuery.replaceFirst("\\?.*", ""), ex);
		}
	}

	private JsonNode post(String path, Map<String, ?> body) {
		try {
			String response = this.rest.post()
				.uri(path)
				.contentType(MediaType.APPLICATION_JSON)
				.body(this.json.writeValueAsString(new LinkedHashMap<>(body)))
				.retrieve()
				.body(String.class);
			return this.json.readTree((response != null) ? response : "{}");
		}
		catch (RestClientResponseException ex) {
			throw failed("POST " + path, ex);
		}
		catch (ResourceAccessException ex) {
			throw unreachable(ex);
		}
		catch (RuntimeException ex) {
			throw unexpected("POST " + path, ex);
		}
	}

	private ModelUnavailable unexpected(String call, RuntimeException ex) {
		return new ModelUnavailable("MLflow at " + this.trackingUri + " gave an unusable answer to " + call + ": " + ex,
				ex);
	}

	private ModelUnavailable failed(String call, RestClientResponseException ex) {
		String message = ex.getResponseBodyAsString();
		try {
			JsonNode error = this.json.readTree(message);
			message = error.path("error_code").asString("") + " " + error.path("message").asString("");
		}
		catch (RuntimeException notJson) {
			// keep the raw body
		}
		return new ModelUnavailable("MLflow at " + this.trackingUri + " refused " + call + ": HTTP "
				+ ex.getStatusCode().value() + " " + message.trim(), ex);
	}

	private ModelUnavailable unreachable(ResourceAccessException ex) {
		return new ModelUnavailable("MLflow at " + this.trackingUri + " is unreachable: " + ex.getMostSpecificCause(),
				ex);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/** A registered model's version. */
	public record ModelVersion(String name, String version, String runId) {

		@Override
		public String toString() {
			return this.name + "/" + this.version;
		}

	}

}
