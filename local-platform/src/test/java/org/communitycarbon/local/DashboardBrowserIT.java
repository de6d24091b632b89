package org.communitycarbon.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.communitycarbon.infra.EmbeddedInfrastructure;
import org.communitycarbon.simulator.Registration;
import org.communitycarbon.simulator.SimulatorOptions;
import org.communitycarbon.testing.MqttTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real, headless Chromium against the whole platform with its simulated community running: what a
 * property manager, a street office and a resident see and do, with the mouse, with the keyboard, in Chinese and English.
 * <p>
 * Runs with {@code -Pbrowser}; it needs Debian's {@code chromium} and {@code chromium-driver} (or {@code CHROME_BINARY} and
 * {@code CHROMEDRIVER}) and fails — never skips — when they are missing. Screenshots of each view go to
 * {@code target/dashboard-screenshots}, or to {@code -Ddashboard.screenshots=<dir>} (how docs/images is refreshed).
 */
class DashboardBrowserIT {

    private static final String COMMUNITY = "maple-court";
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final List<String> MANAGER_VIEWS = List.of("overview", "energy", "waste", "carbon", "credits", "recycling",
            "work-orders", "devices", "environment", "reports", "notifications");

    private static LocalPlatform platform;
    private static WebDriver browser;
    private static MqttTestClient device;
    private static Path screenshots;

    @BeforeAll
    static void start() throws IOException {
        // the browser first: without one, fail at once rather than after starting the platform
        browser = chromium();
        EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.shared();
        platform = LocalPlatform.start(new LocalPlatform.Settings(Ports.anyFree(), SimulatorOptions.builder().speed(10).build()),
                infrastructure);
        Registration.MqttAccount account = platform.gatewayAccount(COMMUNITY, "browser-test");
        device = new MqttTestClient(infrastructure.mqtt().url(), account.username(), account.password(), account.username() + "/browser");
        screenshots = Path.of(System.getProperty("dashboard.screenshots", "target/dashboard-screenshots"));
        Files.createDirectories(screenshots);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (device != null) {
            device.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @BeforeEach
    void signedOutInTheCommunitysDefaultLanguage() {
        // a page of the same origin that does not run the dashboard, so nothing of the last test is still signing in
        browser.get(platform.gatewayUrl() + "/api.html");
        script("localStorage.clear(); sessionStorage.clear(); return 1;");
        browser.get(platform.gatewayUrl() + "/#/login");
        wait(PATIENCE).until(ExpectedConditions.elementToBeClickable(By.cssSelector("form.login button[type=submit]")));
    }

    @Test
    void theManagerSignsInWithTheKeyboardAndEveryViewShowsTheSimulatedCommunity() throws IOException {
        // keyboard only: Enter on the focused sign-in button goes to the issuer's page (authorization code with PKCE);
        // there the user name, Tab, the password and Enter sign in and bring the browser back to the dashboard
        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
        waitFor(By.cssSelector("input[name=username]")).sendKeys("manager", Keys.TAB, platform.demoPassword(), Keys.ENTER);
        waitFor(By.cssSelector("nav a[href='#/overview'][aria-current=page]"));
        assertThat(browser.getCurrentUrl()).as("the code leaves the address bar").doesNotContain("code=");
        assertThat(navigation()).containsExactlyElementsOf(MANAGER_VIEWS.stream().map(view -> "#/" + view).toList());

        // overview: today's figures from accounting, credits, ops and sensing
        wait(PATIENCE).until(d -> figure("electricity").matches(".*\\d.*"));
        assertThat(figure("open-orders")).matches("\\d+");
        screenshot("overview");

        for (String view : MANAGER_VIEWS) {
            open(view);
            assertThat(browser.findElements(By.cssSelector("main .error"))).as("errors on %s", view).isEmpty();
            screenshot(view);
        }
        open("devices");
        wait(PATIENCE).until(d -> rows() > 1000);
        open("energy");
        wait(PATIENCE).until(d -> browser.findElements(By.cssSelector("main table tbody tr")).size() >= 3);
        open("carbon");
        assertThat(text("main")).contains("wuhan-pilot");
        open("recycling");
        assertThat(text("main")).contains("WH-RR-2026-0001");
        open("waste");
        // the bins report once a simulated minute: their levels appear on the plan of the drop points
        wait(PATIENCE).until(d -> {
            open("waste");
            return browser.findElements(By.cssSelector(".plan .bin meter")).size() >= 8;
        });
        screenshot("waste");
    }

    @Test
    void aWorkOrderArrivesLiveAndIsAssignedAndResolvedFromTheDashboard() throws IOException {
        signIn("manager");
        open("work-orders");
        wait(PATIENCE).until(ExpectedConditions.textToBePresentInElementLocated(By.id("live-status"), "●"));

        // a bin reports itself full, as its firmware would over MQTT: the order appears without a reload
        String bin = "bin-dp9-hazardous"; // the try-out drop point: registered, not simulated
        device.publish("cc/" + COMMUNITY + "/waste-bin/" + bin + "/status", "{\"dateObserved\":\""
                + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\",\"fillingLevel\":0.95,\"wasteKind\":\"hazardous\",\"dropPointId\":\"dp9\"}");
        wait(PATIENCE).until(d -> orderRow(bin) != null);
        screenshot("work-order-arrived");

        // Enter on the focused row opens it, as a click does; the live feed may redraw the table meanwhile, so a row that
        // went stale is looked up again
        wait(PATIENCE).until(d -> {
            WebElement row = orderRow(bin);
            if (row == null) {
                return false;
            }
            row.sendKeys(Keys.ENTER);
            return true;
        });
        wait(PATIENCE).until(ExpectedConditions.textToBePresentInElementLocated(By.id("order-title"), bin));
        WebElement assignee = waitFor(By.cssSelector(".detail input[name=assignee]"));
        assignee.clear();
        assignee.sendKeys("staff", Keys.ENTER);
        wait(PATIENCE).until(d -> statusOfShownOrder().contains("assigned"));

        waitFor(By.cssSelector(".detail textarea[name=note]")).sendKeys("Emptied and cleaned the hazardous bin");
        browser.findElement(By.cssSelector(".detail textarea[name=note]")).findElement(By.xpath("ancestor::form"))
                .findElement(By.cssSelector("button[type=submit]")).click();
        // resolved by staff's word; closed once the bin reports itself emptied
        wait(PATIENCE).until(d -> statusOfShownOrder().matches(".*(resolved|closed).*"));
        assertThat(text(".detail .history")).contains("staff");
        screenshot("work-order-resolved");
    }

    @Test
    void theLanguageSwitchesBetweenChineseAndEnglishAndIsRemembered() {
        // maple-court lies in Asia/Shanghai: Chinese by default
        signIn("manager");
        assertThat(script("return document.documentElement.lang")).isEqualTo("zh-CN");
        assertThat(browser.findElement(By.cssSelector("nav a[href='#/work-orders']")).getText()).isEqualTo("工单");

        browser.findElement(By.id("lang-toggle")).click();
        wait(PATIENCE).until(d -> "en".equals(script("return document.documentElement.lang")));
        assertThat(browser.findElement(By.cssSelector("nav a[href='#/work-orders']")).getText()).isEqualTo("Work orders");
        assertThat(text("h1.view-title")).isEqualTo("Overview");

        browser.navigate().refresh();
        wait(PATIENCE).until(d -> "Overview".equals(text("h1.view-title")));
    }

    @Test
    void aResidentSeesTheirOwnHomeAndCannotReachTheManagersPages() throws IOException {
        signIn("resident");
        waitFor(By.cssSelector("[data-figure=balance]"));
        assertThat(navigation()).containsExactly("#/me");
        waitFor(By.cssSelector("form input[name=category]"));
        screenshot("resident");

        browser.get(platform.gatewayUrl() + "/#/work-orders");
        wait(PATIENCE).until(d -> !browser.findElements(By.cssSelector("main .panel h1")).isEmpty());
        assertThat(browser.findElements(By.cssSelector("main table"))).isEmpty();
        // and the service itself refuses the resident, whatever the page does
        Object status = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const token = JSON.parse(sessionStorage.getItem('cc.session')).token;
                fetch('/api/ops/communities/maple-court/work-orders', { headers: { Authorization: 'Bearer ' + token } })
                    .then(response => done(response.status));""");
        assertThat(((Number) status).intValue()).isEqualTo(403);
    }

    @Test
    void theStreetOfficeSeesItsCommunitysFiguresButNoDeviceOrHouseholdPages() throws IOException {
        signIn("street");
        assertThat(navigation()).containsExactly("#/overview", "#/energy", "#/carbon", "#/work-orders", "#/environment", "#/reports",
                "#/notifications");
        wait(PATIENCE).until(d -> figure("electricity").matches(".*\\d.*"));
        screenshot("street-office");
    }

    @Test
    void theStreetOfficeReadsTheMonthlyReportAsCountedByEveryServiceAndDownloadsItAsXlsx() throws IOException {
        signIn("street");
        open("reports");
        // each service counts the running month every minute of the local run (the first 20 s after its start, maybe
        // before the simulated community was registered): until its first count, a source shows as missing
        wait(Duration.ofMinutes(3)).until(d -> {
            List<WebElement> sources = d.findElements(By.cssSelector("main .report ul.list li"));
            if (sources.size() == 5 && d.findElements(By.cssSelector("main .report .badge.danger")).isEmpty()) {
                return true;
            }
            d.findElement(By.cssSelector("main form.inline button[type=submit]")).click();
            return false;
        });
        assertThat(browser.findElements(By.cssSelector("main .report table thead th")).stream().map(WebElement::getText))
                .as("the indicators, then the street's one community").containsExactly("指标", COMMUNITY);
        assertThat(browser.findElements(By.cssSelector("main .report table tbody tr")).size()).isGreaterThan(10);
        screenshot("reports");

        // the download the button makes, fetched as the page does: an XLSX workbook with Chinese headers
        Object answer = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const token = JSON.parse(sessionStorage.getItem('cc.session')).token;
                const month = document.querySelector('main input[name=month]').value;
                fetch('/api/ops/reports/monthly?month=' + month + '&format=xlsx&lang=zh-CN',
                      { headers: { Authorization: 'Bearer ' + token } })
                    .then(async response => done([response.status, response.headers.get('Content-Type'),
                        Array.from(new Uint8Array(await response.arrayBuffer()).slice(0, 2))]));""");
        List<?> download = (List<?>) answer;
        assertThat(((Number) download.get(0)).intValue()).isEqualTo(200);
        assertThat((String) download.get(1)).startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(((List<?>) download.get(2)).stream().map(b -> ((Number) b).intValue())).as("a zip: PK").containsExactly(0x50, 0x4B);
    }

    @Test
    void theMainFlowsMeetWcag21AaInChineseAndEnglish() {
        device.publish("cc/" + COMMUNITY + "/waste-bin/bin-dp9-residual/status", "{\"dateObserved\":\""
                + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\",\"fillingLevel\":0.97,\"wasteKind\":\"residual\",\"dropPointId\":\"dp9\"}");
        for (String language : List.of("zh-CN", "en")) {
            chooseLanguage(language);
            assertAccessible("the sign-in page", language);
            browser.findElement(By.cssSelector("form.login button[type=submit]")).click();
            waitFor(By.cssSelector("input[name=username]"));
            assertAccessible("the issuer's sign-in page", language);
            browser.findElement(By.cssSelector("input[name=username]")).sendKeys("manager");
            browser.findElement(By.cssSelector("input[name=password]")).sendKeys(platform.demoPassword(), Keys.ENTER);
            waitFor(By.cssSelector("nav a[aria-current=page]"));
            wait(PATIENCE).until(d -> figure("electricity").matches(".*\\d.*"));
            assertAccessible("the overview", language);
            open("work-orders");
            wait(PATIENCE).until(d -> orderRow("bin-dp9-residual") != null);
            assertAccessible("the work orders", language);
            wait(PATIENCE).until(d -> {
                WebElement row = orderRow("bin-dp9-residual");
                if (row == null) {
                    return false;
                }
                row.click();
                return true;
            });
            waitFor(By.cssSelector(".detail input[name=assignee]"));
            assertAccessible("a work order", language);

            signedOutInTheCommunitysDefaultLanguage();
            chooseLanguage(language);
            signIn("resident");
            waitFor(By.cssSelector("[data-figure=balance]"));
            waitFor(By.cssSelector("form input[name=category]"));
            assertAccessible("the resident's page", language);
            signedOutInTheCommunitysDefaultLanguage();
        }
    }

    @Test
    void aManagerAssignsAWorkOrderWithTheKeyboardOnly() {
        String bin = "bin-dp9-recyclable"; // registered at the try-out drop point, not simulated
        device.publish("cc/" + COMMUNITY + "/waste-bin/" + bin + "/status", "{\"dateObserved\":\""
                + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\",\"fillingLevel\":0.96,\"wasteKind\":\"recyclable\",\"dropPointId\":\"dp9\"}");

        // the sign-in button has the focus: Enter; at the issuer's page the user name, Tab, the password, Enter
        keys(Keys.ENTER);
        waitFor(By.cssSelector("input[name=username]"));
        keys("manager", Keys.TAB, platform.demoPassword(), Keys.ENTER);
        waitFor(By.cssSelector("nav a[href='#/overview'][aria-current=page]"));

        // Tab from the top of the page to the menu's work orders, Enter
        tabTo("the menu's work orders", e -> "#/work-orders".equals(e.getDomAttribute("href")));
        keys(Keys.ENTER);
        wait(PATIENCE).until(d -> !d.findElements(By.cssSelector("main .view-work-orders")).isEmpty()
                && d.findElements(By.cssSelector("main .loading")).isEmpty());
        wait(PATIENCE).until(d -> orderRow(bin) != null);

        // Tab to the order's row, Enter opens it and moves the focus to its title; Tab to the assignee, type, Enter
        tabTo("the order's row", e -> "tr".equals(e.getTagName()) && e.getText().contains(bin));
        keys(Keys.ENTER);
        wait(PATIENCE).until(ExpectedConditions.textToBePresentInElementLocated(By.id("order-title"), bin));
        assertThat(browser.switchTo().activeElement().getDomAttribute("id")).as("the focus moves to the order").isEqualTo("order-title");
        tabTo("the assignee field", e -> "assignee".equals(e.getDomAttribute("name")));
        keys(Keys.chord(Keys.CONTROL, "a"), "staff", Keys.ENTER);
        wait(PATIENCE).until(d -> statusOfShownOrder().contains("assigned"));
        assertThat(text(".detail dd[data-field=status]")).isNotBlank();
    }

    // --- the browser

    private static WebDriver chromium() {
        String binary = System.getenv().getOrDefault("CHROME_BINARY", "/usr/bin/chromium");
        String driver = System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver");
        if (!Files.isExecutable(Path.of(binary)) || !Files.isExecutable(Path.of(driver))) {
            throw new IllegalStateException("The dashboard's browser tests need Chromium and its driver: " + binary + " and " + driver
                    + " (apt-get install chromium chromium-driver, or set CHROME_BINARY and CHROMEDRIVER)");
        }
        ChromeOptions options = new ChromeOptions().setBinary(binary)
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(driver).toFile())
                .usingAnyFreePort().build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().scriptTimeout(Duration.ofSeconds(60)); // axe-core takes seconds on a busy machine
        return chrome;
    }

    /** Signs in at the demo issuer's page, as the dashboard's sign-in button sends the browser there. */
    private void signIn(String user) {
        browser.findElement(By.cssSelector("form.login button[type=submit]")).click();
        waitFor(By.cssSelector("input[name=username]")).sendKeys(user);
        browser.findElement(By.cssSelector("input[name=password]")).sendKeys(platform.demoPassword(), Keys.ENTER);
        waitFor(By.cssSelector("nav a[aria-current=page]"));
    }

    private void open(String view) {
        browser.findElement(By.cssSelector("nav a[href='#/" + view + "']")).click();
        wait(PATIENCE).until(d -> !d.findElements(By.cssSelector("main .view-" + view)).isEmpty()
                && d.findElements(By.cssSelector("main .loading")).isEmpty());
    }

    private List<String> navigation() {
        return browser.findElements(By.cssSelector("nav a")).stream().map(a -> a.getDomAttribute("href")).toList();
    }

    private String figure(String name) {
        List<WebElement> value = browser.findElements(By.cssSelector("[data-figure=" + name + "] .figure-value"));
        return value.isEmpty() ? "" : value.get(0).getText();
    }

    private int rows() {
        return browser.findElements(By.cssSelector("main table tbody tr")).size();
    }

    private WebElement orderRow(String text) {
        return browser.findElements(By.cssSelector("main table tbody tr.clickable")).stream()
                .filter(r -> r.getText().contains(text)).findFirst().orElse(null);
    }

    private String statusOfShownOrder() {
        List<WebElement> badge = browser.findElements(By.cssSelector(".detail dd[data-field=status] .badge"));
        return badge.isEmpty() ? "" : badge.get(0).getDomAttribute("class");
    }

    private String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    private Object script(String code, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(code, arguments);
    }

    // --- the keyboard

    /** Types into whatever has the focus, as a user at the keyboard does. */
    private void keys(CharSequence... keys) {
        new org.openqa.selenium.interactions.Actions(browser).sendKeys(keys).perform();
    }

    /** Presses Tab until {@code wanted} has the focus (at most 150 times), and shows the focused element's outline. */
    private void tabTo(String what, java.util.function.Predicate<WebElement> wanted) {
        for (int presses = 0; presses < 150; presses++) {
            keys(Keys.TAB);
            WebElement focused = browser.switchTo().activeElement();
            try {
                if (wanted.test(focused)) {
                    assertThat(focused.getCssValue("outline-style")).as("%s shows where the focus is", what).isNotEqualTo("none");
                    return;
                }
            }
            catch (StaleElementReferenceException redrawn) {
                // the live feed redrew it: Tab on
            }
        }
        throw new AssertionError("Tab never reached " + what);
    }

    // --- accessibility (axe-core)

    private static final String AXE = axeSource();

    private static String axeSource() {
        try (var properties = DashboardBrowserIT.class.getResourceAsStream("/META-INF/maven/org.webjars.npm/axe-core/pom.properties")) {
            java.util.Properties pom = new java.util.Properties();
            pom.load(java.util.Objects.requireNonNull(properties, "the axe-core WebJar is on the test classpath"));
            try (var script = DashboardBrowserIT.class.getResourceAsStream("/META-INF/resources/webjars/axe-core/"
                    + pom.getProperty("version") + "/axe.min.js")) {
                return new String(java.util.Objects.requireNonNull(script).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Sets the dashboard's language for the next page, as the language switch remembers it. */
    private void chooseLanguage(String language) {
        script("localStorage.setItem('cc.lang', arguments[0]); return 1;", language);
        browser.navigate().refresh();
        wait(PATIENCE).until(d -> language.equals(script("return document.documentElement.lang")));
        wait(PATIENCE).until(ExpectedConditions.elementToBeClickable(By.cssSelector("form.login button[type=submit]")));
    }

    /**
     * Runs axe-core on the page as it is and fails on any violation of impact serious or critical among the rules tagged
     * WCAG 2.0/2.1 A and AA: contrast, names of buttons, links and fields, labels, landmarks, languages, tables, ARIA.
     */
    @SuppressWarnings("unchecked")
    private void assertAccessible(String page, String language) {
        if (!Boolean.TRUE.equals(script("return typeof window.axe === 'object'"))) {
            script(AXE);
        }
        java.util.Map<String, Object> result = (java.util.Map<String, Object>) ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const describe = v => v.id + ' (' + v.impact + '): ' + v.help + ' at ' + v.nodes.slice(0, 6)
                    .map(n => n.target.join(' ') + ' [' + (n.failureSummary || '').replace(/\\s+/g, ' ') + ']').join('; ');
                axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
                  .then(result => done({
                      serious: result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(describe),
                      lesser: result.violations.filter(v => v.impact !== 'serious' && v.impact !== 'critical').map(describe),
                      incomplete: result.incomplete.map(v => v.id + ' (' + v.nodes.length + ')'),
                      passed: result.passes.length }))
                  .catch(error => done({ serious: ['axe did not run: ' + error], lesser: [], incomplete: [], passed: 0 }));""");
        // what axe could not decide (text over an image or a gradient, say) and lesser findings are printed for a person to
        // look at; serious and critical ones fail the test
        System.out.printf("axe on %s in %s: %s rules passed; to review: %s; minor or moderate: %s%n", page, language,
                result.get("passed"), result.get("incomplete"), result.get("lesser"));
        assertThat(((Number) result.get("passed")).intValue()).as("axe ran its rules on %s", page).isPositive();
        assertThat((List<String>) result.get("serious")).as("WCAG 2.1 A/AA violations on %s in %s", page, language).isEmpty();
    }

    private WebElement waitFor(By locator) {
        return wait(PATIENCE).until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    private WebDriverWait wait(Duration patience) {
        // the dashboard redraws what the live feed changes: an element found a moment ago may be gone, and is looked up again
        WebDriverWait wait = new WebDriverWait(browser, patience, Duration.ofMillis(200));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    private void screenshot(String name) throws IOException {
        Files.write(screenshots.resolve("dashboard-" + name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
