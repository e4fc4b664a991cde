package org.admoderation.deploy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.admoderation.common.metrics.ModerationMeters;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The observability profile agrees with the services: Prometheus scrapes their management
 * ports with a key, and the dashboard shows every moderation meter.
 */
class ObservabilityConfigTests {

	private static final String PROMETHEUS = "deploy/observability/prometheus.yml";

	private static final String DASHBOARD = "deploy/observability/grafana/dashboards/moderation.json";

	private static final Pattern MODERATION_METRIC = Pattern.compile("\\bmoderation_[a-z_]+");

	@Test
	void prometheusScrapesEachServicesManagementPortWithAKey() {
		Map<String, String> ports = Map.of("api", Repository.managementPort("api-service/src/main/resources/api.yml"),
				"worker", Repository.managementPort("worker-service/src/main/resources/worker.yml"));
		List<Map<String, Object>> jobs = Repository.at(Repository.yaml(PROMETHEUS), "scrape_configs");

		assertThat(jobs).hasSize(2).allSatisfy((job) -> {
			assertThat(job).containsEntry("metrics_path", "/actuator/prometheus");
			assertThat(Repository.<String>at(job, "authorization.type")).isEqualTo("Bearer");
			Map<String, Object> discovery = Repository.<List<Map<String, Object>>>at(job, "dns_sd_configs").get(0);
			String service = Repository.<List<String>>at(discovery, "names").get(0);
			assertThat(ports).containsKey(service);
			assertThat(String.valueOf(discovery.get("port"))).as(service).isEqualTo(ports.get(service));
		});
		for (String configuration : List.of("api-service/src/main/resources/api.yml",
				"worker-service/src/main/resources/worker.yml")) {
			assertThat(Repository.applicationProperties(configuration).get("management.endpoints.web.exposure.include"))
				.as(configuration)
				.contains("prometheus");
		}
	}

	@Test
	void theObservabilityProfileMountsFilesThatExist() {
		Map<String, Object> services = Repository.at(Repository.yaml("docker-compose.yml"), "services");
		for (String name : List.of("prometheus", "grafana")) {
			@SuppressWarnings("unchecked")
			Map<String, Object> service = (Map<String, Object>) services.get(name);
			assertThat(Repository.<List<String>>at(service, "profiles")).as(name).containsExactly("observability");
			Repository.<List<String>>at(service, "volumes")
				.stream()
				.filter((volume) -> volume.startsWith("./"))
				.forEach((volume) -> assertThat(
						Files.exists(Repository.ROOT.resolve(volume.substring(2, volume.indexOf(':')))))
					.as(volume)
					.isTrue());
		}
	}

	/**
	 * Every moderation meter is on the dashboard. (That every series and label the
	 * dashboard queries exists is checked against live scrapes, in
	 * ObservabilityFlowTests.)
	 */
	@Test
	void everyModerationMeterIsOnTheDashboard() throws Exception {
		List<String> queried = new ArrayList<>();
		List<Map<String, Object>> panels = Repository.at(Repository.yaml(DASHBOARD), "panels");
		for (Map<String, Object> panel : panels) {
			for (Map<String, Object> target : Repository.<List<Map<String, Object>>>at(panel, "targets")) {
				Matcher metric = MODERATION_METRIC.matcher(String.valueOf(target.get("expr")));
				while (metric.find()) {
					queried.add(metric.group());
				}
			}
		}

		assertThat(meterNames()).isNotEmpty()
			.allSatisfy((meter) -> assertThat(queried)
				.anySatisfy((metric) -> assertThat(metric).startsWith(meter.replace('.', '_'))));
	}

	private static List<String> meterNames() throws IllegalAccessException {
		List<String> names = new ArrayList<>();
		for (Field field : ModerationMeters.class.getFields()) {
			if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
				String value = (String) field.get(null);
				if (value.startsWith("moderation.")) {
					names.add(value);
				}
			}
		}
		return names;
	}

}
