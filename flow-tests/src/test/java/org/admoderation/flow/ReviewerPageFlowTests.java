package org.admoderation.flow;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The reviewer's page in a real, headless Chromium against the API and a worker: a
 * reviewer signs in with its key, sees the claimed ad with the model's evidence
 * highlighted, approves with A, gets the next item at once, rejects it with R and a
 * reason, and the results then show the reviewer's decisions. The worker's thresholds
 * send an ad with a phone number to review, as the model does for uncertain ones.
 */
@TestInstance(Lifecycle.PER_CLASS)
class ReviewerPageFlowTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final String REVIEWER_KEY = "anna-reviewer-key-0123456789";

	private static final String PHONE = "+7 926 111 22 33";

	private final ModerationSystem system = new ModerationSystem();

	private FlowFixtures fixtures;

	private int apiPort;

	private WebDriver browser;

	@BeforeAll
	void startSystemAndBrowser() throws Exception {
		requireBrowser();
		this.apiPort = ModerationSystem.port(this.system.startApi("moderation.reviewers.keys=anna:" + REVIEWER_KEY));
		this.system.startWorker("moderation.model.thresholds.contacts_in_text.review=0.05",
				"moderation.model.thresholds.contacts_in_text.reject=1", "moderation.review.sample-rate=0");
		this.fixtures = new FlowFixtures();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--user-data-dir=" + Files.createTempDirectory("reviewer-page-chromium-"));
		ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.withLogFile(new File("target/chromedriver.log"))
			.build();
		this.browser = new ChromeDriver(driver, options);
	}

	@AfterAll
	void stopAll() {
		if (this.browser != null) {
			this.browser.quit();
		}
		this.system.close();
		if (this.fixtures != null) {
			this.fixtures.close();
		}
	}

	@Test
	void aReviewerSeesTheEvidenceApprovesGetsTheNextItemAndTheResultsShowTheirDecisions() {
		// Other flow tests' items would come first: this test's queue holds its own.
		this.fixtures.jdbc.sql("delete from review_queue").update();
		long first = this.fixtures.submit(this.apiPort, this.fixtures.createAdvertisement(false, "Диван угловой",
				PHONE + ", звоните вечером. Диван в хорошем состоянии, самовывоз.", 3, 12000, 2));
		long second = this.fixtures.submit(this.apiPort, this.fixtures.createAdvertisement(false, "Велосипед",
				"Горный велосипед, рама M. Телефон " + PHONE + ".", 5, 15000, 3));
		await().atMost(Duration.ofSeconds(60))
			.until(() -> "review".equals(decision(first)) && "review".equals(decision(second)));

		this.browser.get("http://localhost:" + this.apiPort + "/review/");
		WebDriverWait wait = new WebDriverWait(this.browser, Duration.ofSeconds(20));
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("key"))).sendKeys(REVIEWER_KEY);
		this.browser.findElement(By.cssSelector("#key-form button[type=submit]")).click();

		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("item")));
		long shown = Long.parseLong(this.browser.findElement(By.id("task-id")).getText());
		assertThat(shown).isIn(first, second);
		long next = (shown == first) ? second : first;
		List<WebElement> marks = this.browser.findElements(By.cssSelector("#ad-description mark"));
		assertThat(marks).as("the model's evidence, highlighted in the text").isNotEmpty();
		assertThat(marks.get(0).getText()).isEqualTo(PHONE);
		assertThat(marks.get(0).getDomAttribute("data-policy")).isEqualTo("contacts_in_text");
		assertThat(this.browser.findElement(By.id("reasons")).getText()).contains("Контакты в тексте");
		assertThat(this.browser.findElement(By.id("queue-depth")).getText()).isEqualTo("2");

		new Actions(this.browser).sendKeys("a").perform();

		wait.until(ExpectedConditions.textToBe(By.id("task-id"), Long.toString(next)));
		assertThat(this.browser.findElement(By.id("queue-depth")).getText()).isEqualTo("1");
		JsonNode approved = this.fixtures.result(this.apiPort, shown);
		assertThat(approved.get("decision").stringValue()).isEqualTo("approve");
		assertThat(approved.get("is_violation").booleanValue()).isFalse();
		assertThat(approved.get("model_decision").stringValue()).isEqualTo("review");
		assertThat(approved.get("decided_by").stringValue()).isEqualTo("anna");

		new Actions(this.browser).sendKeys("r").perform();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("note")));
		assertThat(this.browser.findElement(By.id("reason-code")).getDomProperty("value"))
			.as("the model's strongest reason, proposed")
			.isEqualTo("contacts_in_text");
		// Enter where the focus is, on the list of reasons: it rejects.
		new Actions(this.browser).sendKeys(Keys.ENTER).perform();

		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("empty")));
		assertThat(this.browser.findElement(By.id("queue-depth")).getText()).isEqualTo("0");
		JsonNode rejected = this.fixtures.result(this.apiPort, next);
		assertThat(rejected.get("decision").stringValue()).isEqualTo("reject");
		assertThat(rejected.get("is_violation").booleanValue()).isTrue();
		assertThat(rejected.get("decided_by").stringValue()).isEqualTo("anna");
		assertThat(this.browser.findElement(By.id("status")).getText()).contains(Long.toString(next))
			.contains("отклонено");
	}

	private String decision(long taskId) {
		JsonNode result = this.fixtures.result(this.apiPort, taskId);
		return result.has("decision") ? result.get("decision").stringValue() : null;
	}

	/**
	 * Skipped where no Chromium is installed, unless required: .ci/run installs Debian's
	 * chromium and chromium-driver and requires it, so CI never skips it.
	 */
	private static void requireBrowser() {
		if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
			return;
		}
		String reason = "No " + CHROMIUM + " and " + CHROMEDRIVER + ": apt-get install chromium chromium-driver";
		if ("true".equals(System.getenv("MODERATION_TEST_BROWSER_REQUIRED"))) {
			throw new IllegalStateException(reason);
		}
		Assumptions.abort(reason);
	}

}
