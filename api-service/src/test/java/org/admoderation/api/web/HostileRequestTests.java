package org.admoderation.api.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.admoderation.api.ApiApplication;
import org.admoderation.testsupport.UseRealInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile requests on the real server: a declared length over the bound is answered at
 * once, before the body is sent, a chunked body is cut off at the bound, and what the
 * firewall or the router refuses is a problem detail with the right status.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=" + ApiApplication.CONFIG_NAME,
				"moderation.admin.api-key=" + HostileRequestTests.ADMIN_KEY })
@UseRealInfrastructure
class HostileRequestTests {

	static final String ADMIN_KEY = "body-limit-test-admin-key";

	/** The reproduction was 120 MB, parsed before the key was checked. */
	private static final long HUGE = 120L * 1024 * 1024;

	@LocalServerPort
	private int port;

	@Test
	void aHugeDeclaredBodyIsRefusedWithoutWaitingForIt() throws IOException {
		// The length alone decides, before the key and before the body: nothing of it is
		// read.
		String anonymous = statusLineOfHeadersOnly("/admin/redrive", "");
		String withTheKey = statusLineOfHeadersOnly("/admin/redrive", "X-Admin-Key: " + ADMIN_KEY + "\r\n");
		String submission = statusLineOfHeadersOnly("/async_predict", "");

		assertThat(anonymous).startsWith("HTTP/1.1 413");
		assertThat(withTheKey).startsWith("HTTP/1.1 413");
		assertThat(submission).startsWith("HTTP/1.1 413");
	}

	@Test
	void aChunkedBodyIsCutOffAtTheBound() throws Exception {
		byte[] body = ("{\"item_id\": 1, \"padding\": \"" + "x".repeat(1_000_000) + "\"}")
			.getBytes(StandardCharsets.UTF_8);
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/async_predict"))
			.header("Content-Type", "application/json")
			// No length: sent in chunks, so only counting what is read can bound it.
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
			.build();

		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"title\":\"Request body too large\"");
	}

	@Test
	void aQueryStringThatCannotBeSplitIsABadRequest() throws Exception {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/async_predict?item_id=1&=null"))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build();

		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("\"title\":\"Malformed request parameters\"");
	}

	@Test
	void aMethodNoEndpointTakesIsMethodNotAllowedWithTheMethodsItTakes() throws Exception {
		// Spring Security's firewall refused QUERY with the container's 400 page; the
		// HTTP fuzzer expects 405.
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/moderation_result/1"))
			.method("QUERY", HttpRequest.BodyPublishers.noBody())
			.build();

		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(405);
		assertThat(response.headers().firstValue("Allow")).hasValue("GET");
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	void aPathTheFirewallRefusesIsAProblemDetailThatDoesNotEchoThePath() throws Exception {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/moderation_result/1;jsessionid=x"))
			.GET()
			.build();

		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"title\":\"Request rejected\"").doesNotContain("jsessionid");
	}

	@Test
	void aParameterNameTheFirewallRefusesIsABadRequestNotAServerError() throws Exception {
		// The fuzzer's: a name with control characters, read first by the long-poll's
		// mapping (params = "wait"), inside Spring MVC.
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/moderation_result/1?%07%C2%80name=x"))
			.GET()
			.build();

		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("\"title\":\"Request rejected\"");
	}

	/**
	 * Sends the headers of a 120 MB JSON request and only a few bytes of its body, then
	 * reads the status line: a server that reads the body first never answers.
	 */
	private String statusLineOfHeadersOnly(String path, String extraHeaders) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("localhost", this.port), 5_000);
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
					+ "Content-Length: " + HUGE + "\r\n" + extraHeaders + "\r\n{\"task_ids\": [1, ")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			StringBuilder line = new StringBuilder();
			for (int next = in.read(); next >= 0 && next != '\r'; next = in.read()) {
				line.append((char) next);
			}
			return line.toString();
		}
	}

}
