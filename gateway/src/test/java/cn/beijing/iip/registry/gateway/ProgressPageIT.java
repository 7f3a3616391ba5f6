package cn.beijing.iip.registry.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** The public progress page in a real headless Chromium (Debian's chromium and chromium-driver). */
class ProgressPageIT extends GatewayTest {

    private ChromeDriver browser;

    @BeforeEach
    void openBrowser() throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
                "--no-first-run", "--window-size=1100,1000",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** The page refreshes itself every 15 s; a generous bound covers two refreshes. */
    private void await(Predicate<ChromeDriver> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        while (!condition.test(browser)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the page did not reach the expected state: " + browser.getPageSource());
            }
            Thread.sleep(250);
        }
    }

    @Test
    void showsOneBarPerTargetWithGoalAchievedRatioAndTheDeadline() throws Exception {
        figures(PLATFORMS, "platforms", List.of(target("platforms", 10, 6)), Map.of("A", 40_000_000_000L));
        figures(PROVIDERS, "solution-providers", List.of(target("solution-providers", 50, 23)), Map.of("B", 20_000_000_000L));
        figures(PRODUCTS, "security-products", List.of(target("security-products", 50, 18), target("security-firms", 50, 12)),
                Map.of("A", 1_000_000_000L));
        Thread.sleep(1000);

        browser.get("http://127.0.0.1:" + port + "/");
        await(driver -> driver.findElements(By.cssSelector("li.target")).size() == 5);

        List<WebElement> bars = browser.findElements(By.cssSelector("li.target"));
        assertThat(bars).extracting(bar -> bar.getAttribute("data-target")).containsExactly(
                "platforms", "solution-providers", "security-products", "security-firms", "core-industry-revenue");
        WebElement platforms = bars.getFirst();
        assertThat(platforms.findElement(By.cssSelector(".figures")).getText()).isEqualTo("6 of 10 entries · 60.0 %");
        assertThat(platforms.findElement(By.cssSelector("[role=progressbar]")).getAttribute("aria-valuenow")).isEqualTo("6");
        assertThat(bars.getLast().findElement(By.cssSelector(".figures")).getText()).isEqualTo("60 of 150 bn CNY (600 / 1,500 亿元) · 40.0 %");
        assertThat(browser.findElement(By.id("deadline")).getText()).isEqualTo("2023-12-31");
        assertThat(browser.findElement(By.id("countdown")).getText()).contains("passed");
        assertThat(browser.findElement(By.cssSelector("tr[data-kind=platforms]")).getText()).contains("Platforms");

        Path screenshot = Path.of("target", "screenshots", "progress-page.png");
        Files.createDirectories(screenshot.getParent());
        Files.write(screenshot, browser.getScreenshotAs(OutputType.BYTES));
        assertThat(Files.size(screenshot)).isGreaterThan(10_000);
    }

    @Test
    void marksATargetWhoseServiceIsDown() throws Exception {
        PRODUCTS.resetAll();

        browser.get("http://127.0.0.1:" + port + "/");
        await(driver -> !driver.findElements(By.cssSelector("li.target.unavailable[data-target=security-products]")).isEmpty());

        assertThat(browser.findElement(By.cssSelector("li[data-target=security-products] .note")).getText())
                .contains("unavailable");
        assertThat(browser.findElements(By.cssSelector("li.target.unavailable[data-target=platforms]"))).isEmpty();
    }
}
