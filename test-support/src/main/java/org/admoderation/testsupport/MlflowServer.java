package org.admoderation.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Assumptions;

/**
 * A real MLflow tracking server ({@code mlflow server} from the pinned Python environment
 * that {@code model/train.sh} creates), on a free port with a SQLite backend and a
 * temporary artifact store served over HTTP. CI requires it
 * ({@code -Dmoderation.test.mlflow.required=true} in {@code .ci/run}); elsewhere tests
 * that need it are skipped, with the reason, when the Python environment has not been
 * created.
 */
public final class MlflowServer implements AutoCloseable {

	/**
	 * Set to {@code true} to fail instead of skipping when no mlflow executable is found.
	 */
	public static final String REQUIRED_PROPERTY = "moderation.test.mlflow.required";

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

	private final Process process;

	private final String uri;

	private final Path directory;

	private MlflowServer(Process process, String uri, Path directory) {
		this.process = process;
		this.uri = uri;
		this.directory = directory;
	}

	/**
	 * Starts a server, or skips the calling test when mlflow is not installed and not
	 * required.
	 */
	public static MlflowServer start() {
		Path executable = findExecutable();
		try {
			Path directory = Files.createTempDirectory("mlflow-test");
			int port = freePort();
			ProcessBuilder builder = new ProcessBuilder(
					List.of(executable.toString(), "server", "--host", "127.0.0.1", "--port", Integer.toString(port),
							"--workers", "1", "--backend-store-uri", "sqlite:///" + directory.resolve("mlflow.db"),
							"--artifacts-destination", directory.resolve("artifacts").toString(), "--serve-artifacts"));
			builder.redirectErrorStream(true);
			builder.redirectOutput(directory.resolve("server.log").toFile());
			builder.environment().put("MLFLOW_TRACKING_URI", "");
			Process process = builder.start();
			MlflowServer server = new MlflowServer(process, "http://127.0.0.1:" + port, directory);
			server.awaitHealthy();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("mlflow server did not start", ex);
		}
	}

	public String uri() {
		return this.uri;
	}

	private void awaitHealthy() throws IOException {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("mlflow server exited: " + log());
			}
			try {
				HttpResponse<Void> response = http.send(
						HttpRequest.newBuilder(URI.create(this.uri + "/health")).build(),
						HttpResponse.BodyHandlers.discarding());
				if (response.statusCode() == 200) {
					return;
				}
			}
			catch (IOException notYet) {
				// still starting
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			this.process.onExit().completeOnTimeout(null, 250, java.util.concurrent.TimeUnit.MILLISECONDS).join();
		}
		close();
		throw new IllegalStateException("mlflow server not healthy within " + STARTUP_TIMEOUT + ": " + log());
	}

	private String log() throws IOException {
		Path log = this.directory.resolve("server.log");
		return Files.exists(log) ? Files.readString(log) : "(no log)";
	}

	@Override
	public void close() {
		// mlflow server runs its web server in child processes: stop them too.
		this.process.descendants().forEach(ProcessHandle::destroy);
		this.process.destroy();
		this.process.onExit().completeOnTimeout(null, 10, java.util.concurrent.TimeUnit.SECONDS).join();
		this.process.descendants().forEach(ProcessHandle::destroyForcibly);
		this.process.destroyForcibly();
	}

	private static Path findExecutable() {
		String configured = System.getProperty("moderation.test.mlflow.executable", System.getenv("MLFLOW_EXECUTABLE"));
		if (configured != null && !configured.isBlank()) {
			return Path.of(configured);
		}
		for (File directory = new File("").getAbsoluteFile(); directory != null; directory = directory
			.getParentFile()) {
			Path candidate = directory.toPath().resolve("model/.venv/bin/mlflow");
			if (Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		String reason = "No mlflow executable: run model/train.sh --setup-only (creates model/.venv) "
				+ "or set MLFLOW_EXECUTABLE";
		if (Boolean.getBoolean(REQUIRED_PROPERTY) || "true".equals(System.getenv("MODERATION_TEST_MLFLOW_REQUIRED"))) {
			throw new IllegalStateException(reason);
		}
		Assumptions.abort(reason);
		throw new IllegalStateException(reason);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
