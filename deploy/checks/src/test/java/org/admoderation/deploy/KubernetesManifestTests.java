package org.admoderation.deploy;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.admoderation.common.config.ModerationCommonConfiguration;
import org.admoderation.common.messaging.Topics;
import org.admoderation.common.relay.RelayLoop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.kafka.listener.ContainerProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/k8s agrees with the applications: every resource parses, deployments have
 * probes, requests and a non-root user, the autoscaler watches the right topic and group
 * and stops at the partition count, and the configuration names variables the services
 * read.
 */
class KubernetesManifestTests {

	private static final String BASE = "deploy/k8s/";

	@Test
	void kustomizationListsExistingParsableResources() {
		List<String> resources = Repository.at(Repository.yaml(BASE + "kustomization.yaml"), "resources");

		assertThat(resources).isNotEmpty().allSatisfy((resource) -> {
			assertThat(Files.exists(Repository.ROOT.resolve(BASE + resource))).as(resource).isTrue();
			assertThat(Repository.yamlDocuments(BASE + resource)).as(resource)
				.isNotEmpty()
				.allSatisfy((document) -> assertThat(document).containsKeys("apiVersion", "kind", "metadata"));
		});
	}

	@ParameterizedTest
	@CsvSource({ "api-deployment.yaml, api-service/src/main/resources/api.yml",
			"worker-deployment.yaml, worker-service/src/main/resources/worker.yml" })
	void deploymentsProbeTheActuatorOnTheManagementPortAndRunAsNonRoot(String manifest, String configuration) {
		Map<String, Object> deployment = Repository.yaml(BASE + manifest);
		Map<String, Object> pod = Repository.at(deployment, "spec.template.spec");
		Map<String, Object> container = first(Repository.at(pod, "containers"));
		String managementPort = Repository.managementPort(configuration);
		Map<String, String> ports = new java.util.HashMap<>();
		Repository.<List<Map<String, Object>>>at(container, "ports")
			.forEach((port) -> ports.put(String.valueOf(port.get("name")), String.valueOf(port.get("containerPort"))));

		assertThat(ports).containsEntry("management", managementPort);
		for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
			assertThat(Repository.<String>at(container, probe + ".httpGet.port")).as(probe).isEqualTo("management");
		}
		assertThat(Repository.<String>at(container, "livenessProbe.httpGet.path"))
			.isEqualTo("/actuator/health/liveness");
		assertThat(Repository.<String>at(container, "readinessProbe.httpGet.path"))
			.isEqualTo("/actuator/health/readiness");
		assertThat(Repository.<Object>at(container, "resources.requests.cpu")).isNotNull();
		assertThat(Repository.<Object>at(container, "resources.requests.memory")).isNotNull();
		assertThat(Repository.<Boolean>at(pod, "securityContext.runAsNonRoot")).isTrue();
		assertThat(Repository.<Object>at(container, "envFrom")).isNotNull();
	}

	/**
	 * From SIGTERM to SIGKILL a pod has terminationGracePeriodSeconds, and everything
	 * that stops in turn must fit in it with a margin, or a pod is killed mid-way and
	 * what it committed waits for the next start. The API: the web drain, its four relay
	 * loops' last rounds (outbox, dead letters, result events, webhooks), the producer's
	 * close. The worker: the listener's last batch (Spring Kafka's shutdown timeout), the
	 * model freed after it (PolicyModel.CLOSE_WAIT, 10 s), the web drain, the dead-letter
	 * and result-event relays, the producer.
	 */
	@ParameterizedTest
	@CsvSource({ "api-deployment.yaml, api-service/src/main/resources/api.yml, false, 0, 4",
			"worker-deployment.yaml, worker-service/src/main/resources/worker.yml, true, 10, 2" })
	void everyStopFitsInThePodsGracePeriod(String manifest, String configuration, boolean listens,
			int modelCloseSeconds, int relays) {
		Map<String, Object> pod = Repository.at(Repository.yaml(BASE + manifest), "spec.template.spec");
		int grace = Repository.<Integer>at(pod, "terminationGracePeriodSeconds");
		Duration drain = DurationStyle.detectAndParse(
				Repository.applicationProperties(configuration).get("spring.lifecycle.timeout-per-shutdown-phase"));
		long listener = listens ? ContainerProperties.DEFAULT_SHUTDOWN_TIMEOUT / 1000 : 0;

		long stopping = drain.toSeconds() + listener + modelCloseSeconds + relays * RelayLoop.STOP_TIMEOUT.toSeconds()
				+ ModerationCommonConfiguration.PRODUCER_CLOSE_TIMEOUT.toSeconds();

		assertThat(stopping).as("seconds from SIGTERM to exit, at worst").isLessThanOrEqualTo(grace - 5);
	}

	@Test
	void theApisPublicPortIsNotItsManagementPort() {
		Map<String, Object> container = first(
				Repository.at(Repository.yaml(BASE + "api-deployment.yaml"), "spec.template.spec.containers"));
		Map<String, String> properties = Repository.applicationProperties("api-service/src/main/resources/api.yml");

		assertThat(Repository.<List<Map<String, Object>>>at(container, "ports"))
			.anySatisfy((port) -> assertThat(port).containsEntry("name", "http")
				.containsEntry("containerPort",
						Integer.valueOf(Repository.placeholderDefault(properties.get("server.port")))));
	}

	@Test
	void apiServiceTargetsTheNamedPort() {
		Map<String, Object> service = Repository.yaml(BASE + "api-service.yaml");

		assertThat(Repository.<String>at(first(Repository.at(service, "spec.ports")), "targetPort")).isEqualTo("http");
		assertThat(Repository.<Map<String, Object>>at(service, "spec.selector"))
			.isEqualTo(Repository.at(Repository.yaml(BASE + "api-deployment.yaml"), "spec.selector.matchLabels"));
	}

	@Test
	void workersScaleByLagOnTheModerationTopicUpToItsPartitionCount() {
		Map<String, Object> scaledObject = Repository.yaml(BASE + "worker-scaledobject.yaml");
		Map<String, Object> trigger = first(Repository.at(scaledObject, "spec.triggers"));
		String group = Repository
			.placeholderDefault(Repository.applicationProperties("worker-service/src/main/resources/worker.yml")
				.get("spring.kafka.consumer.group-id"));

		assertThat(Repository.<String>at(trigger, "type")).isEqualTo("kafka");
		assertThat(Repository.<String>at(trigger, "metadata.topic")).isEqualTo(Topics.MODERATION);
		assertThat(Repository.<String>at(trigger, "metadata.consumerGroup")).isEqualTo(group);
		assertThat(Repository.<String>at(trigger, "metadata.bootstrapServers"))
			.isEqualTo(configMap().get("KAFKA_BOOTSTRAP_SERVERS"));
		assertThat(String.valueOf(Repository.<Object>at(scaledObject, "spec.maxReplicaCount")))
			.isEqualTo(configMap().get("MODERATION_TOPICS_MODERATION_PARTITIONS"));
		assertThat(Repository.<String>at(scaledObject, "spec.scaleTargetRef.name"))
			.isEqualTo(Repository.at(Repository.yaml(BASE + "worker-deployment.yaml"), "metadata.name"));
	}

	@Test
	void configMapNamesOnlyVariablesTheServicesRead() {
		Set<String> known = Repository.knownEnvironmentVariables("worker-service/src/main/resources/worker.yml");
		known.addAll(Repository.knownEnvironmentVariables("api-service/src/main/resources/api.yml"));

		assertThat(configMap().keySet()).isSubsetOf(known);
	}

	@Test
	void secretsAreReferencedNotCommitted() {
		List<String> resources = Repository.at(Repository.yaml(BASE + "kustomization.yaml"), "resources");
		List<String> kinds = new ArrayList<>();
		resources.forEach((resource) -> Repository.yamlDocuments(BASE + resource)
			.forEach((document) -> kinds.add(String.valueOf(document.get("kind")))));

		assertThat(kinds).doesNotContain("Secret").contains("Deployment", "Service", "ConfigMap", "ScaledObject");
	}

	private static Map<String, String> configMap() {
		return Repository.at(Repository.yaml(BASE + "configmap.yaml"), "data");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> first(Object list) {
		return (Map<String, Object>) ((List<Object>) list).get(0);
	}

}
