package org.communitycarbon.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.communitycarbon.accounting.CarbonAccountingServiceApplication;
import org.communitycarbon.credits.CreditsServiceApplication;
import org.communitycarbon.infra.EmbeddedInfrastructure;
import org.communitycarbon.infra.FreePorts;
import org.communitycarbon.sensing.SensingServiceApplication;
import org.communitycarbon.support.PlatformApplication;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Faults under load, through MQTT and back from PostgreSQL: after recovery every accepted reading, deposit,
 * reduction and credit is there exactly once.
 * <ul>
 * <li>PostgreSQL and Kafka each stop for {@code faults.outage} (35 s by default: longer than a connection timeout,
 * and than the 30 s of retries after which records used to be dead-lettered; {@code -Dfaults.outage=PT2M} for the
 * two minutes of the issue), overlapping for a while.</li>
 * <li>Second instances of sensing, accounting and credits run in one JVM of their own beside the local platform's,
 * and that JVM is killed mid-stream (SIGKILL): accounting's and credits' partitions move to the survivors, and sensing
 * is started again under its client id, so the broker delivers what it had not acknowledged.</li>
 * </ul>
 * The platform is the one the end-to-end tests ran on before ({@link EndToEndThenFaultsIT}).
 */
@ExtendWith(SharedPlatform.class)
class FaultToleranceIT {

    private static final int LOAD_PER_SECOND = 40;
    private static final Duration OUTAGE = Duration.parse(System.getProperty("faults.outage", "PT35S"));
    private static final Duration DRAIN = Duration.ofMinutes(3);
    private static EmbeddedInfrastructure infrastructure;
    private static LocalPlatform platform;

    @BeforeAll
    static void start() {
        infrastructure = EmbeddedInfrastructure.shared();
        platform = SharedPlatform.get();
    }

    /** Registers the load's community and connects it as the community's gateway account. */
    private static CommunityLoad registered(CommunityLoad load) {
        platform.register(load.inventory());
        return load.connect(platform.gatewayAccount(load.inventory().communityId(), "load"));
    }

    @Test
    void postgresAndKafkaGoingDownUnderLoadDelayButLoseAndDoubleNothing() throws Exception {
        try (CommunityLoad load = registered(new CommunityLoad(infrastructure.mqtt().url(), community("outage"), 20)).start(LOAD_PER_SECOND)) {
            publishes(load, Duration.ofSeconds(5));
            infrastructure.postgres().stop();
            publishes(load, OUTAGE.dividedBy(2));
            infrastructure.kafka().stopBroker();
            publishes(load, OUTAGE.dividedBy(2));
            infrastructure.postgres().restart();
            publishes(load, OUTAGE.dividedBy(2));
            infrastructure.kafka().startBroker();
            publishes(load, Duration.ofSeconds(5));
            load.stop();
            assertEverythingCountedOnce(load);
        }
    }

    @Test
    void secondInstancesCrashingMidStreamLoseAndDoubleNothing() throws Exception {
        Endpoints endpoints = Endpoints.of(infrastructure);
        int gateway = platform.ports().gateway();
        ConfigurableApplicationContext restarted = null;
        try (CommunityLoad load = registered(new CommunityLoad(infrastructure.mqtt().url(), community("instances"), 20))) {
            int sensingPort = FreePorts.any();
            List<String> sensingArguments = arguments(SensingServiceApplication.NAME, sensingPort, endpoints, gateway,
                    "--platform.mqtt.url=" + infrastructure.mqtt().url(), "--platform.mqtt.client-id=platform-sensing-second",
                    "--platform.mqtt.username=" + infrastructure.mqtt().platformUsername(),
                    "--platform.mqtt.password=" + infrastructure.mqtt().platformPassword());
            int accountingPort = FreePorts.any();
            int creditsPort = FreePorts.any();
            try (ServiceProcess second = ServiceProcess.start("second-instances", List.of(
                    new ServiceProcess.Service(SensingServiceApplication.class, SensingServiceApplication.NAME, sensingPort,
                            sensingArguments),
                    new ServiceProcess.Service(CarbonAccountingServiceApplication.class, CarbonAccountingServiceApplication.NAME,
                            accountingPort, arguments(CarbonAccountingServiceApplication.NAME, accountingPort, endpoints, gateway)),
                    new ServiceProcess.Service(CreditsServiceApplication.class, CreditsServiceApplication.NAME, creditsPort,
                            arguments(CreditsServiceApplication.NAME, creditsPort, endpoints, gateway))))) {
                second.awaitHealthy(Duration.ofMinutes(3));
                load.start(LOAD_PER_SECOND);
                publishes(load, Duration.ofSeconds(10));
                second.kill();
            }
            publishes(load, Duration.ofSeconds(5));
            // The same sensing instance again, under its client id: the broker delivers what the killed one had not
            // acknowledged. It runs in this JVM, which has the services' classes loaded already.
            restarted = PlatformApplication.builder(SensingServiceApplication.class, SensingServiceApplication.NAME)
                    .registerShutdownHook(false).run(sensingArguments.toArray(String[]::new));
            publishes(load, Duration.ofSeconds(5));
            load.stop();
            assertEverythingCountedOnce(load);
        }
        finally {
            if (restarted != null) {
                restarted.close();
            }
        }
    }

    private static List<String> arguments(String name, int port, Endpoints endpoints, int gateway, String... extra) {
        List<String> arguments = new ArrayList<>(PlatformServices.serviceArguments(name, port, endpoints, gateway));
        arguments.addAll(SharedPlatform.SERVICE_ARGUMENTS);
        arguments.addAll(List.of(extra));
        return arguments;
    }

    /**
     * Every reading the broker acknowledged is stored once and counted (each meter's consumption is its last register
     * less its first); every deposit is stored once, reduced once and credited once.
     */
    private static void assertEverythingCountedOnce(CommunityLoad load) throws SQLException {
        String community = load.community();
        await().atMost(DRAIN).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            assertThat(count("SELECT count(*) FROM accounting.meter_reading WHERE community_id = ?", community))
                    .as("stored readings").isEqualTo(load.readings());
            assertThat(count("SELECT count(*) FROM credits.ledger_entry WHERE community_id = ?", community))
                    .as("ledger entries").isEqualTo(load.deposits());
        });
        assertThat(count("SELECT count(*) FROM accounting.waste_deposit WHERE community_id = ?", community)).isEqualTo(load.deposits());
        assertThat(count("SELECT count(*) FROM accounting.carbon_reduction WHERE community_id = ?", community)).isEqualTo(load.deposits());
        assertThat(count("SELECT count(*) FROM accounting.meter_reading WHERE community_id = ? AND quality NOT IN ('FIRST', 'OK')",
                community)).as("readings judged other than first or counted").isZero();
        assertThat(number("""
                SELECT coalesce(sum(delta), 0) - coalesce((SELECT sum(last - first) FROM (
                    SELECT max(register) AS last, min(register) AS first FROM accounting.meter_reading
                    WHERE community_id = ? GROUP BY device_id) AS meters), 0)
                FROM accounting.meter_reading WHERE community_id = ?""", community, community))
                .as("consumption counted beyond the meters' own rise").isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(number("SELECT coalesce(sum(balance), 0) FROM credits.credit_account WHERE community_id = ?", community))
                .as("credits: 100 per 0.5 kg deposit").isEqualByComparingTo(BigDecimal.valueOf(100L * load.deposits()));
    }

    private static String community(String what) {
        return what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static long count(String sql, String community) throws SQLException {
        return number(sql, community).longValueExact();
    }

    private static BigDecimal number(String sql, String... parameters) throws SQLException {
        try (Connection connection = infrastructure.postgres().adminDataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getBigDecimal(1);
            }
        }
    }

    /**
     * Lets the load run on for about {@code duration} of its 40 readings a second: until it has published that many
     * more readings, so a phase lasts by what it exposes the platform to, not by the clock of a busy machine.
     */
    private static void publishes(CommunityLoad load, Duration duration) {
        int target = load.readings() + (int) (LOAD_PER_SECOND * duration.toSeconds());
        await().atMost(duration.multipliedBy(4).plusSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> load.readings() >= target);
    }
}
