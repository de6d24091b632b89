package org.communitycarbon.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.communitycarbon.infra.EmbeddedInfrastructure;
import org.communitycarbon.local.LocalPlatform;
import org.communitycarbon.local.Ports;
import org.communitycarbon.simulator.SimulatorOptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * How fast the dashboard's first view is usable on the local run: the whole platform with its simulated community (speed
 * 10), a property manager signed in (authorization code with PKCE at the demo issuer), then the overview loaded afresh
 * {@code --loads} times in headless Chromium. Each load is timed in the page, from the start of the navigation
 * ({@code performance.now()} is 0 there) to the moment today's figures are on screen — HTML, the ES modules, ECharts
 * (1 MB) and the overview's four API calls through the gateway included. The browser's cache is on, as a returning user's.
 * <p>
 * {@code ./mvnw -Pbenchmark-dashboard} (needs Chromium and chromedriver: {@code apt-get install chromium chromium-driver}).
 */
public final class DashboardSpeed {

    /** Resolves with performance.now() once the overview's electricity figure shows a number. */
    private static final String FIGURES_SHOWN = """
            const done = arguments[arguments.length - 1];
            const ready = () => {
              const value = document.querySelector('[data-figure=electricity] .figure-value');
              return value && /\\d/.test(value.textContent);
            };
            if (ready()) { done(performance.now()); return; }
            new MutationObserver((changes, observer) => {
              if (ready()) { observer.disconnect(); done(performance.now()); }
            }).observe(document.body, { childList: true, subtree: true, characterData: true });""";

    private DashboardSpeed() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("logback.configurationFile", "local-platform-logback.xml");
        int loads = 20;
        for (String arg : args) {
            if (arg.startsWith("--loads=")) {
                loads = Integer.parseInt(arg.substring("--loads=".length()));
            }
        }
        // counts the statements each service's database role runs (pg_stat_statements)
        System.setProperty(org.communitycarbon.infra.EmbeddedPostgresServer.STATEMENT_STATISTICS, "true");
        Path data = Files.createTempDirectory("community-carbon-dashboard-benchmark-");
        EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.start(EmbeddedInfrastructure.Ports.anyFree(), data, true);
        LocalPlatform platform = LocalPlatform.start(new LocalPlatform.Settings(Ports.anyFree(), SimulatorOptions.builder().speed(10).build()),
                infrastructure);
        WebDriver browser = chromium();
        try {
            System.out.println("# Dashboard speed " + Instant.now());
            System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java " + Runtime.version()
                    + ", everything in one JVM with the simulated community at speed 10; " + loads + " loads");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofMillis(100));
            browser.get(platform.gatewayUrl() + "/");
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("form.login button[type=submit]"))).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.name("username")))
                    .sendKeys("manager", Keys.TAB, platform.demoPassword(), Keys.ENTER);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("nav a[aria-current=page]")));
            // until the simulated community has reported electricity today, so the figures are not empty (the overview
            // refreshes them once a minute)
            new WebDriverWait(browser, Duration.ofSeconds(180), Duration.ofSeconds(1)).until(d -> {
                List<org.openqa.selenium.WebElement> value = d.findElements(By.cssSelector("[data-figure=electricity] .figure-value"));
                return !value.isEmpty() && value.get(0).getText().matches(".*[1-9].*");
            });
            List<Double> times = new ArrayList<>();
            for (int load = 0; load <= loads; load++) {
                browser.navigate().to(platform.gatewayUrl() + "/?load=" + load + "#/overview");
                double ms = ((Number) ((JavascriptExecutor) browser).executeAsyncScript(FIGURES_SHOWN)).doubleValue();
                if (load > 0) { // the first load fills the browser's cache
                    times.add(ms);
                }
            }
            times.sort(Double::compare);
            System.out.println();
            System.out.println("| overview loads | first figures on screen p50 / p90 / max ms |");
            System.out.println("|---|---|");
            System.out.printf("| %d | %.0f / %.0f / %.0f |%n", times.size(), times.get(times.size() / 2),
                    times.get((int) Math.ceil(times.size() * 0.9) - 1), times.get(times.size() - 1));

            // What an overview load costs the services' databases: the statements run by each service's role while the
            // overview is loaded `refreshes` times, less those of an equally long window without the dashboard (the outbox
            // relays and schedulers keep polling), with the simulator stopped so no ingest runs.
            java.util.Objects.requireNonNull(platform.simulator()).close();
            javax.sql.DataSource database = infrastructure.postgres().adminDataSource();
            try (var connection = database.getConnection(); var statement = connection.createStatement()) {
                statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            }
            Thread.sleep(10_000); // what was in flight when the simulator stopped
            int refreshes = 10;
            List<Statement> idleStatements = new ArrayList<>();
            java.util.Map<String, Long> idle = statementsDuring(database, 15_000, () -> { }, idleStatements);
            List<Statement> loadedStatements = new ArrayList<>();
            java.util.Map<String, Long> loaded = statementsDuring(database, 15_000, () -> {
                for (int load = 0; load < refreshes; load++) {
                    browser.navigate().to(platform.gatewayUrl() + "/?refresh=" + load + "#/overview");
                    ((JavascriptExecutor) browser).executeAsyncScript(FIGURES_SHOWN);
                }
            }, loadedStatements);
            System.out.println();
            // two ways to count: all the role's statements less those of the idle window (the relays' and schedulers'
            // polling varies between windows, so this is noisy by a statement or two), and only the statements that did not
            // run at all while idle — the requests' own
            System.out.println("| database role | statements per overview load (" + refreshes + " loads, less an idle window) "
                    + "| of which never run while idle |");
            System.out.println("|---|---|---|");
            java.util.Set<String> roles = new java.util.TreeSet<>(loaded.keySet());
            roles.addAll(idle.keySet());
            double total = 0;
            double totalOwn = 0;
            for (String role : roles) {
                double each = (loaded.getOrDefault(role, 0L) - idle.getOrDefault(role, 0L)) / (double) refreshes;
                double own = loadedStatements.stream().filter(l -> l.role().equals(role))
                        .filter(l -> idleStatements.stream().noneMatch(i -> i.role().equals(role) && i.query().equals(l.query())))
                        .mapToLong(Statement::calls).sum() / (double) refreshes;
                total += each;
                totalOwn += own;
                System.out.printf("| %s | %.1f | %.1f |%n", role, each, own);
            }
            System.out.printf("| all | %.1f | %.1f |%n", total, totalOwn);
            System.out.println();
            System.out.println("| database role | statement | calls per overview load |");
            System.out.println("|---|---|---|");
            for (Statement each : loadedStatements) {
                double per = (each.calls() - idleStatements.stream().filter(i -> i.role().equals(each.role()) && i.query().equals(each.query()))
                        .mapToLong(Statement::calls).sum()) / (double) refreshes;
                if (per >= 0.1) {
                    System.out.printf("| %s | `%s` | %.1f |%n", each.role(), each.query(), per);
                }
            }
        }
        finally {
            browser.quit();
            platform.close();
            infrastructure.close();
        }
        System.exit(0);
    }

    /** A statement as pg_stat_statements normalises it, the role that ran it and how often. */
    private record Statement(String role, String query, long calls) {
    }

    /**
     * Statements run by each role other than the superuser while {@code action} runs, in a window of at least {@code ms};
     * each statement with its calls goes to {@code statements}.
     */
    private static java.util.Map<String, Long> statementsDuring(javax.sql.DataSource database, long ms, Runnable action,
            List<Statement> statements) throws Exception {
        try (var connection = database.getConnection(); var statement = connection.createStatement()) {
            statement.execute("SELECT pg_stat_statements_reset()");
            long started = System.currentTimeMillis();
            action.run();
            long left = ms - (System.currentTimeMillis() - started);
            if (left > 0) {
                Thread.sleep(left);
            }
            java.util.Map<String, Long> calls = new java.util.TreeMap<>();
            try (var rows = statement.executeQuery("""
                    SELECT r.rolname, sum(s.calls) FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid
                    WHERE r.rolname <> current_user GROUP BY r.rolname""")) {
                while (rows.next()) {
                    calls.put(rows.getString(1), rows.getLong(2));
                }
            }
            try (var rows = statement.executeQuery("""
                    SELECT r.rolname, regexp_replace(s.query, '\\s+', ' ', 'g'), s.calls FROM pg_stat_statements s
                    JOIN pg_roles r ON r.oid = s.userid WHERE r.rolname <> current_user ORDER BY r.rolname, s.calls DESC""")) {
                while (rows.next()) {
                    String query = rows.getString(2);
                    statements.add(new Statement(rows.getString(1), query.length() > 160 ? query.substring(0, 160) + "…" : query,
                            rows.getLong(3)));
                }
            }
            return calls;
        }
    }

    private static WebDriver chromium() {
        String binary = System.getenv().getOrDefault("CHROME_BINARY", "/usr/bin/chromium");
        String driver = System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver");
        ChromeOptions options = new ChromeOptions().setBinary(binary)
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(driver).toFile())
                .usingAnyFreePort().build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        return chrome;
    }
}
