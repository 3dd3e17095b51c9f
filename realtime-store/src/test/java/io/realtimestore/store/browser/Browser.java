package io.realtimestore.store.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver, with a fake microphone that plays a WAV file once
 * (or a microphone the browser refuses). Screenshots go to target/screenshots as test artifacts.
 */
final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target/screenshots");

    final ChromeDriver driver;

    private Browser(ChromeOptions options) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("The browser tests need Debian's chromium and chromium-driver: "
                    + "apt-get install chromium chromium-driver (.ci/run installs them)");
        }
        options.setBinary(CHROMIUM.toFile());
        // Host ICE candidates as plain loopback addresses (not mDNS names), so two headless browsers can make a call.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,1000", "--autoplay-policy=no-user-gesture-required", "--mute-audio",
                "--disable-features=WebRtcHideLocalIpsWithMdns");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    /** A browser whose microphone plays {@code wav} once, from the moment a page opens it. */
    static Browser withMicrophone(Path wav) {
        ChromeOptions options = new ChromeOptions();
        options.addArguments("--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                "--use-file-for-fake-audio-capture=" + wav + "%noloop");
        return new Browser(options);
    }

    /** A browser that refuses the page the microphone, as a shopper who clicked "Block" would. */
    static Browser withMicrophoneDenied() {
        ChromeOptions options = new ChromeOptions();
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("profile.default_content_setting_values.media_stream_mic", 2);
        options.setExperimentalOption("prefs", prefs);
        options.addArguments("--use-fake-device-for-media-stream");
        return new Browser(options);
    }

    /** A browser for the catalog pages only. */
    static Browser plain() {
        return new Browser(new ChromeOptions());
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Waits until {@code condition} holds, failing with {@code what} and a screenshot after {@code seconds}. */
    void await(String what, int seconds, Predicate<Browser> condition) {
        try {
            new WebDriverWait(driver, Duration.ofSeconds(seconds), Duration.ofMillis(200)).until(d -> condition.test(this));
        } catch (org.openqa.selenium.TimeoutException e) {
            Path shot = screenshot("timeout-" + what.replaceAll("[^A-Za-z0-9]+", "-"));
            throw new AssertionError("timed out after " + seconds + " s waiting for " + what + "; stats " + stats()
                    + "; screenshot " + shot, e);
        }
    }

    /**
     * Clicks an element of a live part of the page (the event log grows while the test runs): scrolled to the middle of
     * its scroll box first, and clicked again if something moving over it took the click.
     */
    void clickInLivePart(WebElement element) {
        new WebDriverWait(driver, Duration.ofSeconds(10)).ignoring(ElementClickInterceptedException.class).until(d -> {
            ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
            element.click();
            return true;
        });
    }

    /** The assistant panel's own counters (window.realtimeStoreAssistant.stats()). */
    @SuppressWarnings("unchecked")
    Map<String, Object> stats() {
        Object stats = ((JavascriptExecutor) driver).executeScript(
                "return window.realtimeStoreAssistant ? window.realtimeStoreAssistant.stats() : null");
        return stats == null ? Map.of() : (Map<String, Object>) stats;
    }

    long stat(String name) {
        Object value = stats().get(name);
        return value instanceof Number number ? number.longValue() : 0;
    }

    /** The transcript's entries of one side ("user" or "assistant"), their words joined. */
    String turnText(String role) {
        return findAll("#assistant-transcript .turn[data-role='" + role + "'] .turn-text").stream()
                .map(WebElement::getText).reduce("", (a, b) -> a + " " + b).strip();
    }

    /**
     * Keeps the page's latest RTCPeerConnection in {@code window.testCall} (installed before the page makes its call),
     * so that a test that times out can report the call's statistics.
     */
    void keepCallForStatistics() {
        driver.executeScript("""
                const create = RTCPeerConnection.prototype.createDataChannel;
                RTCPeerConnection.prototype.createDataChannel = function (...args) {
                  window.testCall = this;
                  return create.apply(this, args);
                };
                """);
    }

    /** The data channel and transport statistics of the call kept in {@code window.testCall}. */
    Object callStatistics() {
        return callStatistics("testCall");
    }

    /** The data channel and transport statistics of the RTCPeerConnection in {@code window[property]}. */
    Object callStatistics(String property) {
        return driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const call = window[arguments[0]];
                if (!call) {
                  done('(no call)');
                  return;
                }
                call.getStats().then((reports) => {
                  const kept = [];
                  reports.forEach((report) => {
                    if (report.type === 'data-channel' || report.type === 'transport') {
                      kept.push(JSON.stringify(report));
                    }
                  });
                  done(kept.join(' '));
                }, (error) => done('(no statistics: ' + error + ')'));
                """, property);
    }

    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException | RuntimeException e) {
            return Path.of("(no screenshot: " + e.getMessage() + ")");
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
