/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package dev.tcpnet.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The live page of a sample node, in a real headless Chromium: two sample-app processes
 * connect, the page of the first shows the second with a message rate, and shows it
 * leave.
 *
 * <p>
 * Uses Debian's {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} (packages
 * {@code chromium} and {@code chromium-driver}; {@code .ci/run} installs them) and is
 * skipped when either is missing. Both paths are given to Selenium, so Selenium Manager
 * never runs (and so never downloads anything); the test checks that it did not. The
 * nodes are pinned to 127.0.0.1 with a cluster name of their own, and the browser only
 * loads their loopback address with host name resolution switched off.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LivePageIT {

	private static final Path CHROMIUM = Path.of(System.getProperty("chromium", "/usr/bin/chromium"));

	private static final Path CHROMEDRIVER = Path.of(System.getProperty("chromedriver", "/usr/bin/chromedriver"));

	private static final Path BUILD_DIRECTORY = Path.of(System.getProperty("build.directory", "target"));

	private static final Duration NODE_TIMEOUT = Duration.ofSeconds(60);

	private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(15);

	private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?k?)/s");

	// Held here: java.util.logging keeps its loggers only weakly, and with them their
	// settings.
	private static final Logger seleniumManagerLogger = Logger.getLogger("org.openqa.selenium.manager.SeleniumManager");

	private static final List<Logger> quietLoggers = List.of(
			Logger.getLogger("org.openqa.selenium.chromium.ChromiumDriver"),
			Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder"));

	private static final List<LogRecord> seleniumManagerRecords = new CopyOnWriteArrayList<>();

	private static final Handler seleniumManagerWatch = new Handler() {

		@Override
		public void publish(LogRecord entry) {
			seleniumManagerRecords.add(entry);
		}

		@Override
		public void flush() {
		}

		@Override
		public void close() {
		}

	};

	private static SampleProcess node1;

	private static SampleProcess node2;

	private static Path profile;

	private static WebDriver browser;

	private static String pageUrl;

	@BeforeAll
	static void startNodesAndBrowser() throws IOException {
		if (missingBrowser() != null) {
			System.out.println("LivePageIT skipped: " + missingBrowser());
			return;
		}
		Runtime.getRuntime().addShutdownHook(new Thread(LivePageIT::stopAll));
		String cluster = "ui-" + UUID.randomUUID().toString().substring(0, 8);
		node1 = SampleProcess.startOnLoopback("node-1", cluster);
		node2 = SampleProcess.startOnLoopback("node-2", cluster);
		pageUrl = "http://127.0.0.1:" + node1.awaitHttpPort(NODE_TIMEOUT) + "/";
		node1.awaitLine("connected to node-2 (", NODE_TIMEOUT);
		node2.awaitLine("connected to node-1 (", NODE_TIMEOUT);
		browser = startBrowser();
		browser.get(pageUrl);
		fitViewport(1280, 800);
	}

	@BeforeEach
	void browserInstalled() {
		assumeTrue(missingBrowser() == null, () -> "LivePageIT skipped: " + missingBrowser());
	}

	private static String missingBrowser() {
		if (!Files.isExecutable(CHROMIUM)) {
			return "no Chromium at " + CHROMIUM + " (apt-get install chromium chromium-driver)";
		}
		if (!Files.isExecutable(CHROMEDRIVER)) {
			return "no chromedriver at " + CHROMEDRIVER + " (apt-get install chromium-driver)";
		}
		return null;
	}

	@AfterAll
	static void stopAll() {
		synchronized (LivePageIT.class) {
			try {
				if (browser != null) {
					browser.quit();
				}
			}
			finally {
				browser = null;
				for (SampleProcess node : new SampleProcess[] { node1, node2 }) {
					if (node != null) {
						node.kill();
					}
				}
				deleteProfile();
			}
		}
	}

	@Test
	@Order(1)
	void seleniumManagerDidNotRun() {
		assertThat(seleniumManagerRecords).as("Selenium Manager log records").isEmpty();
	}

	@Test
	@Order(2)
	void thePageShowsTheOtherNodeAsItsOnlyPeer() {
		awaitPage(() -> {
			assertThat(browser.findElements(peer("node-2"))).as("peer node-2 on the page").hasSize(1);
			assertThat(header().getDomAttribute("data-peer-count")).isEqualTo("1");
			assertThat(browser.findElement(By.id("peer-count")).getText()).isEqualTo("1");
		});
		assertThat(browser.findElement(By.id("node-id")).getText()).isEqualTo("node-1");
		assertThat(browser.findElement(By.tagName("body")).getDomAttribute("data-status")).isEqualTo("live");
		assertThat(browser.findElement(peer("node-2")).getDomAttribute("data-direction")).isIn("INBOUND", "OUTBOUND");
	}

	@Test
	@Order(3)
	void thePageShowsMessageRatesAboveZero() throws IOException {
		awaitPage(() -> {
			assertThat(shownRate("rate-out")).as("out rate shown for node-2").isGreaterThan(0);
			assertThat(shownRate("rate-in")).as("in rate shown for node-2").isGreaterThan(0);
		});
		screenshot("live-page.png");
		assertThat(browser.manage().logs().get(LogType.BROWSER).getAll()).as("the browser console while the node is up")
			.filteredOn((entry) -> entry.getLevel().intValue() >= Level.WARNING.intValue())
			.isEmpty();
	}

	@Test
	@Order(4)
	void aPeerThatStopsDisappearsFromThePage() throws InterruptedException {
		assertThat(node2.stop(NODE_TIMEOUT)).as("node-2 exits after SIGTERM").isTrue();
		awaitPage(() -> {
			assertThat(browser.findElements(peer("node-2"))).as("peer node-2 on the page").isEmpty();
			assertThat(header().getDomAttribute("data-peer-count")).isEqualTo("0");
		});
	}

	@Test
	@Order(5)
	void whenItsNodeIsGoneThePageSaysItCannotReachTheEndpoint() throws IOException, InterruptedException {
		assertThat(node1.stop(NODE_TIMEOUT)).as("node-1 exits after SIGTERM").isTrue();
		awaitPage(() -> {
			assertThat(browser.findElement(By.tagName("body")).getDomAttribute("data-status")).isEqualTo("error");
			assertThat(browser.findElement(By.id("banner")).getText()).contains("Cannot reach /actuator/tcpnet");
		});
		screenshot("live-page-unreachable.png");
	}

	private static WebDriver startBrowser() throws IOException {
		// Selenium Manager logs at FINE whenever it runs (finding, extracting or
		// executing its binary).
		seleniumManagerLogger.setLevel(Level.ALL);
		seleniumManagerLogger.addHandler(seleniumManagerWatch);
		// Without a selenium-devtools module, these warn that no CDP version matches;
		// nothing here uses CDP.
		quietLoggers.forEach((logger) -> logger.setLevel(Level.SEVERE));
		profile = Files.createTempDirectory("live-page-chromium-");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-default-apps", "--disable-domain-reliability", "--disable-breakpad", "--no-pings",
				"--disable-dev-shm-usage", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
				"--window-size=1280,800", "--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.withLogFile(BUILD_DIRECTORY.resolve("chromedriver.log").toFile())
			.build();
		return new ChromeDriver(service, options);
	}

	/**
	 * Sizes the window so that the page itself gets the given size (the window of
	 * headless Chromium still counts some room for the browser's own frame).
	 */
	private static void fitViewport(int width, int height) {
		JavascriptExecutor script = (JavascriptExecutor) browser;
		long frameWidth = (Long) script.executeScript("return window.outerWidth - window.innerWidth");
		long frameHeight = (Long) script.executeScript("return window.outerHeight - window.innerHeight");
		browser.manage().window().setSize(new Dimension(width + (int) frameWidth, height + (int) frameHeight));
	}

	private static By peer(String nodeId) {
		return By.cssSelector("[data-node-id='" + nodeId + "']");
	}

	private static WebElement header() {
		return browser.findElement(By.id("header"));
	}

	/**
	 * Returns the rate shown on the page for node-2's connection, in messages per second.
	 */
	private static double shownRate(String role) {
		String text = browser.findElement(By.cssSelector("[data-pill-for='node-2'] [data-role='" + role + "']"))
			.getText();
		Matcher matcher = RATE.matcher(text);
		assertThat(matcher.find()).as("a rate in '%s'", text).isTrue();
		String figure = matcher.group(1);
		return figure.endsWith("k") ? Double.parseDouble(figure.substring(0, figure.length() - 1)) * 1000
				: Double.parseDouble(figure);
	}

	private static void awaitPage(org.awaitility.core.ThrowingRunnable assertion) {
		await().atMost(PAGE_TIMEOUT).pollInterval(Duration.ofMillis(200)).ignoreExceptions().untilAsserted(assertion);
	}

	private static void screenshot(String name) throws IOException {
		Path file = BUILD_DIRECTORY.resolve(name);
		Files.createDirectories(file.getParent());
		Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
		System.out.println("LivePageIT: screenshot " + file.toAbsolutePath());
	}

	private static void deleteProfile() {
		if (profile == null) {
			return;
		}
		try (Stream<Path> files = Files.walk(profile)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException ex) {
			// Only a temporary directory left behind.
		}
		profile = null;
	}

}
