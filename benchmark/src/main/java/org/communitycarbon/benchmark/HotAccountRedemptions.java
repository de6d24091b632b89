package org.communitycarbon.benchmark;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.communitycarbon.credits.CreditsServiceApplication;
import org.communitycarbon.credits.ledger.Ledger;
import org.communitycarbon.infra.EmbeddedInfrastructure;
import org.communitycarbon.local.LocalPlatform;
import org.communitycarbon.local.Ports;
import org.communitycarbon.model.Quantity;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.accounting.CarbonReductionRecorded;
import org.communitycarbon.model.accounting.ReductionBehaviour;
import org.communitycarbon.simulator.Registration;

/**
 * Redemptions on one hot account: {@code ./mvnw -Pbenchmark-redemptions}. See docs/performance.md, "Redemptions on one
 * hot account".
 * <p>
 * Starts the platform in this JVM as {@link Benchmark} does. The demo resident's household gets a known balance through
 * the ledger (an award, as a reduction would), the property manager adds a catalogue item of 1 credit; then many
 * clients redeem it concurrently ({@code POST /api/credits/me/redemptions}, each with a new Idempotency-Key, 1 to 3 at
 * a time) until the balance cannot cover more: each client stops at its first {@code insufficient-balance}. Run twice —
 * directly against the credits service, then through the gateway — each on a fresh balance. After each run the
 * database is asked, not the clients: the balance must equal the balance before minus the credits of the receipts
 * answered 201, no entry of the account may have left a balance below zero, the stock must have fallen by exactly the
 * quantities redeemed, and the verify endpoint must find the account's chain intact.
 */
public final class HotAccountRedemptions {

    private static final String COMMUNITY = "maple-court";
    private static final String HOUSEHOLD = "b01-0101";

    private final Options options;
    private final EmbeddedInfrastructure infrastructure;
    private final LocalPlatform platform;
    private final Ports ports;
    private final List<String> report = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param warmup credits redeemed unmeasured each way before the runs: long enough for C2 to have compiled most of
     *        the paths (with 3,000 each way the measured runs cost about 10 ms of CPU per redemption, with 20,000 about 5.4,
     *        with 60,000 about 3.6)
     */
    record Options(long balance, int clients, int maxQuantity, long warmup) {

        static Options parse(String[] args) {
            Map<String, String> values = new LinkedHashMap<>(Map.of("balance", "20000", "clients", "32", "max-quantity", "3",
                    "warmup", "60000"));
            for (String arg : args) {
                Matcher option = Pattern.compile("--([a-z-]+)=(.*)").matcher(arg);
                if (!option.matches() || !values.containsKey(option.group(1))) {
                    throw new IllegalArgumentException("Unknown option " + arg + "; known: " + values.keySet());
                }
                values.put(option.group(1), option.group(2));
            }
            return new Options(Long.parseLong(values.get("balance")), Integer.parseInt(values.get("clients")),
                    Integer.parseInt(values.get("max-quantity")), Long.parseLong(values.get("warmup")));
        }
    }

    private HotAccountRedemptions(Options options, EmbeddedInfrastructure infrastructure, LocalPlatform platform, Ports ports) {
        this.options = options;
        this.infrastructure = infrastructure;
        this.platform = platform;
        this.ports = ports;
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("logback.configurationFile", "local-platform-logback.xml");
        Options options = Options.parse(args);
        Path data = Files.createTempDirectory("community-carbon-redemptions-");
        EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.start(EmbeddedInfrastructure.Ports.anyFree(), data, true);
        Ports ports = Ports.anyFree();
        LocalPlatform platform = LocalPlatform.start(new LocalPlatform.Settings(ports, null), infrastructure);
        boolean sound;
        try {
            sound = new HotAccountRedemptions(options, infrastructure, platform, ports).run();
        }
        finally {
            platform.close();
            infrastructure.close();
        }
        System.exit(sound ? 0 : 1);
    }

    /** One run's figures, from the clients and then from the database. */
    private record Run(String target, long startBalance, int clients, long redeemed, long credits, long refusedForBalance,
            long otherAnswers, double seconds, Percentiles latency, long finalBalance, long lowestBalanceAfter,
            long entries, long stockTaken, boolean chainIntact, Contention contention) {

        double perSecond() {
            return redeemed / seconds;
        }

        boolean exact() {
            return finalBalance == startBalance - credits && lowestBalanceAfter >= 0 && entries == redeemed && otherAnswers == 0
                    && chainIntact;
        }
    }

    private boolean run() throws Exception {
        line("# Redemptions on one hot account " + Instant.now());
        line("machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java " + Runtime.version() + ", max heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB; " + options);
        String resident = Registration.demoToken(platform.gatewayUrl(), "resident", platform.demoPassword());
        String manager = Registration.demoToken(platform.gatewayUrl(), "manager", platform.demoPassword());
        String item = catalogueItem(manager);
        String direct = "http://localhost:" + ports.credits();
        String gateway = platform.gatewayUrl();
        // warm-up, not measured: the JIT compiles the paths, PostgreSQL caches the plans
        redeemUntilRefused(direct, resident, manager, item, options.warmup(), "warm-up direct");
        redeemUntilRefused(gateway, resident, manager, item, options.warmup(), "warm-up gateway");
        line("");
        line("| target | clients | start balance | redemptions /s | p50 ms | p99 ms | receipts (201) | credits redeemed | refused: insufficient-balance | other answers | final balance | = start − redeemed | lowest balance after any entry | chain | machine CPU busy | credits' sessions in a transaction / waiting for a row lock (mean) |");
        line("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        List<Run> runs = List.of(redeemUntilRefused(direct, resident, manager, item, options.balance(), "direct"),
                redeemUntilRefused(gateway, resident, manager, item, options.balance(), "gateway"));
        for (Run run : runs) {
            line("| %s | %d | %,d | **%,.0f** | %.1f | %.1f | %,d | %,d | %,d | %d | %,d | %s | %,d | %s | %.0f %% | %.1f / %.1f |".formatted(
                    run.target(), run.clients(), run.startBalance(), run.perSecond(), run.latency().p50(), run.latency().p99(),
                    run.redeemed(), run.credits(), run.refusedForBalance(), run.otherAnswers(), run.finalBalance(),
                    run.finalBalance() == run.startBalance() - run.credits() ? "yes" : "NO", run.lowestBalanceAfter(),
                    run.chainIntact() ? "intact" : "BROKEN", run.contention().cpuBusyPercent(), run.contention().inTransaction(),
                    run.contention().waitingForLock()));
        }
        boolean sound = runs.stream().allMatch(Run::exact);
        line("");
        line(sound ? "0 overdrafts, final balances exact, chains intact." : "NOT SOUND: see the table.");
        System.out.println();
        System.out.println(String.join("\n", report));
        return sound;
    }

    /** A community reward of 1 credit with stock enough for every run. */
    private String catalogueItem(String manager) throws Exception {
        Instant now = Instant.now();
        String body = """
                {"kind": "COMMUNITY_REWARD", "nameZh": "基准测试积分券", "nameEn": "Benchmark voucher", "price": 1, "stock": 1000000,
                 "validFrom": "%s", "validUntil": "%s"}""".formatted(now.minus(1, ChronoUnit.HOURS), now.plus(1, ChronoUnit.DAYS));
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl()
                        + "/api/credits/communities/" + COMMUNITY + "/catalogue"))
                .header("Authorization", "Bearer " + manager).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"").matcher(created.body());
        if (created.statusCode() != 201 || !id.find()) {
            throw new IllegalStateException("no catalogue item: " + created.statusCode() + " " + created.body());
        }
        return id.group(1);
    }

    private Run redeemUntilRefused(String base, String resident, String manager, String item, long credits, String target)
            throws Exception {
        fund(credits);
        long startBalance = balance();
        long lastSeq = chainLength();
        long stockBefore = stock(item);
        ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong redeemed = new AtomicLong();
        AtomicLong redeemedCredits = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong other = new AtomicLong();
        AtomicLong lastReceiptNanos = new AtomicLong();
        AtomicInteger seed = new AtomicInteger();
        URI uri = URI.create(base + "/api/credits/me/redemptions");
        ContentionSampler sampler = new ContentionSampler();
        long compilingBefore = compilationMillis();
        long collectingBefore = collectionMillis();
        ExecutorService pool = Executors.newFixedThreadPool(options.clients());
        long start = System.nanoTime();
        for (int c = 0; c < options.clients(); c++) {
            pool.execute(() -> {
                int n = seed.incrementAndGet();
                for (int i = 0; ; i++) {
                    int quantity = 1 + (n + i) % options.maxQuantity();
                    long began = System.nanoTime();
                    HttpResponse<String> answer = redeem(uri, resident, item, quantity);
                    long ended = System.nanoTime();
                    latencies.add((ended - began) / 1e6);
                    int status = answer == null ? -1 : answer.statusCode();
                    if (status == 201) {
                        redeemed.incrementAndGet();
                        redeemedCredits.addAndGet(quantity);
                        lastReceiptNanos.accumulateAndGet(ended, Math::max);
                    }
                    else if (status == 409 && answer.body().contains("insufficient-balance")) {
                        refused.incrementAndGet();
                        return;
                    }
                    else {
                        other.incrementAndGet();
                        if (other.get() > 100) {
                            return;
                        }
                    }
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the clients did not finish within 10 minutes");
        }
        Contention contention = sampler.stop();
        long compiling = compilationMillis() - compilingBefore;
        long collecting = collectionMillis() - collectingBefore;
        double seconds = (lastReceiptNanos.get() - start) / 1e9;
        Run run = new Run(target, startBalance, options.clients(), redeemed.get(), redeemedCredits.get(), refused.get(), other.get(),
                seconds, Percentiles.of(latencies.stream().mapToDouble(Double::doubleValue).toArray()), balance(),
                lowestBalanceAfter(lastSeq), redemptionEntries(lastSeq), stockBefore - stock(item), verified(manager), contention);
        if (run.stockTaken() != run.credits()) {
            throw new IllegalStateException("the stock fell by " + run.stockTaken() + ", the receipts redeemed " + run.credits());
        }
        System.out.printf("%s: %,d redemptions in %.1f s = %,.0f /s, %s; meanwhile JIT compiling %,d ms, GC %,d ms%n", target,
                run.redeemed(), seconds, run.perSecond(), run.latency(), compiling, collecting);
        return run;
    }

    private @org.jspecify.annotations.Nullable HttpResponse<String> redeem(URI uri, String token, String item, int quantity) {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofString("{\"itemId\":\"" + item + "\",\"quantity\":" + quantity + "}")).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        catch (java.io.IOException e) {
            return null;
        }
    }

    /** Time the JIT compilers spent so far (all compiler threads), ms. */
    private static long compilationMillis() {
        java.lang.management.CompilationMXBean compiler = java.lang.management.ManagementFactory.getCompilationMXBean();
        return compiler != null && compiler.isCompilationTimeMonitoringSupported() ? compiler.getTotalCompilationTime() : -1;
    }

    /** Time the collectors spent so far, ms. */
    private static long collectionMillis() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).filter(t -> t > 0).sum();
    }

    /** Credits the household through the ledger, as a reduction of {@code credits} g CO2e would. */
    private void fund(long credits) {
        Ledger ledger = platform.application(CreditsServiceApplication.NAME).getBean(Ledger.class);
        BigDecimal co2eKg = BigDecimal.valueOf(credits).movePointLeft(3);
        ledger.award(List.of(new CarbonReductionRecorded(UUID.randomUUID(), CarbonReductionRecorded.SCHEMA_VERSION, COMMUNITY,
                Instant.now(), HOUSEHOLD, ReductionBehaviour.SORTED_PERISHABLE_WASTE, Quantity.of(co2eKg.multiply(BigDecimal.valueOf(5)),
                Unit.KG), Quantity.of(co2eKg, Unit.KG_CO2E), "wuhan-pilot", UUID.randomUUID())));
    }

    private boolean verified(String manager) throws Exception {
        HttpResponse<String> verification = http.send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + "/api/credits/communities/"
                + COMMUNITY + "/households/" + HOUSEHOLD + "/ledger/verification")).header("Authorization", "Bearer " + manager).build(),
                HttpResponse.BodyHandlers.ofString());
        return verification.statusCode() == 200 && verification.body().replace(" ", "").contains("\"intact\":true");
    }

    private long balance() throws SQLException {
        return number("SELECT balance FROM credits.credit_account WHERE community_id = ? AND household_id = ?");
    }

    private long chainLength() throws SQLException {
        return number("SELECT chain_length FROM credits.credit_account WHERE community_id = ? AND household_id = ?");
    }

    private long lowestBalanceAfter(long afterSeq) throws SQLException {
        return number("SELECT coalesce(min(balance_after), 0) FROM credits.ledger_entry WHERE community_id = ? AND household_id = ? AND account_seq > "
                + afterSeq);
    }

    private long redemptionEntries(long afterSeq) throws SQLException {
        return number("SELECT count(*) FROM credits.ledger_entry WHERE community_id = ? AND household_id = ? AND kind = 'REDEMPTION' AND account_seq > "
                + afterSeq);
    }

    private long stock(String item) throws SQLException {
        try (Connection connection = infrastructure.postgres().adminDataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT stock FROM credits.catalogue_item WHERE id = ?::uuid")) {
            statement.setString(1, item);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private long number(String sql) throws SQLException {
        try (Connection connection = infrastructure.postgres().adminDataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, COMMUNITY);
            statement.setString(2, HOUSEHOLD);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Mean machine CPU busy, and mean credits-service database sessions in a transaction and waiting for a row lock. */
    private record Contention(double cpuBusyPercent, double inTransaction, double waitingForLock) {
    }

    /**
     * Samples, every 20 ms while the clients redeem, the machine's CPU load and the credits service's PostgreSQL sessions:
     * how many are in a transaction, and how many of those wait for a lock (the hot account's or the item's row) — the
     * two possible limits of a hot account.
     */
    private final class ContentionSampler {

        private final java.util.concurrent.ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        private final AtomicLong samples = new AtomicLong();
        private final AtomicLong inTransaction = new AtomicLong();
        private final AtomicLong waiting = new AtomicLong();
        private final java.util.concurrent.atomic.DoubleAdder cpu = new java.util.concurrent.atomic.DoubleAdder();
        private final Connection connection;

        ContentionSampler() throws SQLException {
            connection = infrastructure.postgres().adminDataSource().getConnection();
            timer.scheduleAtFixedRate(this::sample, 0, 20, TimeUnit.MILLISECONDS);
        }

        private void sample() {
            try (PreparedStatement statement = connection.prepareStatement("""
                    SELECT count(*) FILTER (WHERE state IN ('active', 'idle in transaction')),
                           count(*) FILTER (WHERE wait_event_type = 'Lock')
                    FROM pg_stat_activity WHERE usename LIKE 'credits%'"""); ResultSet rs = statement.executeQuery()) {
                rs.next();
                inTransaction.addAndGet(rs.getLong(1));
                waiting.addAndGet(rs.getLong(2));
                cpu.add(((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                        .getCpuLoad());
                samples.incrementAndGet();
            }
            catch (SQLException e) {
                // a sample missed is no figure wrong
            }
        }

        Contention stop() throws Exception {
            timer.shutdown();
            timer.awaitTermination(5, TimeUnit.SECONDS);
            connection.close();
            long n = Math.max(1, samples.get());
            return new Contention(100 * cpu.sum() / n, (double) inTransaction.get() / n, (double) waiting.get() / n);
        }
    }

    private void line(String text) {
        report.add(text);
        System.out.println(text);
    }
}
