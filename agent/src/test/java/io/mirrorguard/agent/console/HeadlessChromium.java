package io.mirrorguard.agent.console;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's chromium and chromium-driver, headless, with a fresh profile and nothing that phones home; browser console
 * and network (performance) logs enabled so tests can check errors and where requests went. Absent tools skip the
 * test with the reason, except with MIRRORGUARD_REQUIRE_TOOLS=true (set by .ci/run), where they fail it.
 */
final class HeadlessChromium implements AutoCloseable {
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    private static final ObjectMapper JSON = new ObjectMapper();

    final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static HeadlessChromium startOrSkip() throws Exception {
        boolean present = new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
        if (!present) {
            String why = "headless browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (Debian packages chromium and chromium-driver; .ci/run installs them)";
            if ("true".equalsIgnoreCase(System.getenv("MIRRORGUARD_REQUIRE_TOOLS"))) {
                fail(why + "; MIRRORGUARD_REQUIRE_TOOLS=true forbids skipping");
            }
            Assumptions.abort(why);
        }
        Path profile = Files.createTempDirectory("mirrorguard-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
                "--disable-default-apps", "--hide-scrollbars", "--user-data-dir=" + profile.toAbsolutePath(),
                "--window-size=1280,900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        HeadlessChromium browser = new HeadlessChromium(new ChromeDriver(service, options), profile);
        // the start-up tab loads the browser's own chrome:// pages; begin the logs after it
        browser.driver.get("about:blank");
        browser.consoleErrors();
        browser.requestedUrls();
        return browser;
    }

    /** Resizes the viewport (CSS pixels) so media queries see {@code width}. */
    void width(int width) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", java.util.Map.of(
                "width", width, "height", 900, "deviceScaleFactor", 1, "mobile", false));
    }

    /** Full-page screenshot, kept under target/ as a test artifact. */
    Path screenshot(String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        Object metrics = driver.executeScript(
                "return [document.documentElement.scrollWidth, document.documentElement.scrollHeight]");
        List<?> wh = (List<?>) metrics;
        int w = ((Number) wh.get(0)).intValue();
        int h = Math.min(6000, ((Number) wh.get(1)).intValue());
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", java.util.Map.of(
                "width", w, "height", h, "deviceScaleFactor", 1, "mobile", false));
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", java.util.Map.of(
                "width", w, "height", 900, "deviceScaleFactor", 1, "mobile", false));
        return file;
    }

    /** Console messages at SEVERE since the last call (errors, CSP violations, failed loads). */
    List<String> consoleErrors() {
        List<String> out = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
                out.add(e.getMessage());
            }
        }
        return out;
    }

    /** Every URL the page requested since the last call, from the DevTools Network events. */
    List<String> requestedUrls() throws Exception {
        List<String> urls = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.PERFORMANCE)) {
            JsonNode message = JSON.readTree(e.getMessage()).path("message");
            String url = message.path("params").path("request").path("url").asText();
            // chrome:// pages are the browser's own UI, served from inside it, never over the network
            if ("Network.requestWillBeSent".equals(message.path("method").asText()) && !url.startsWith("chrome://")) {
                urls.add(url);
            }
        }
        return urls;
    }

    @Override
    public void close() throws Exception {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
