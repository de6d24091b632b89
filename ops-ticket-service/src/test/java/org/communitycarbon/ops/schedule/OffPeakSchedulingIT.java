package org.communitycarbon.ops.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.communitycarbon.model.EventIds;
import org.communitycarbon.model.sensing.SensingTopics;
import org.communitycarbon.ops.OpsTicketServiceTest;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.jayway.jsonpath.JsonPath;

/**
 * Waste deposits published to Kafka as the sensing service does, with a pattern (busy mornings and evenings), and the
 * off-peak windows and planned tasks the API then shows; the pattern moves and the windows and tasks move with it.
 */
@OpsTicketServiceTest
class OffPeakSchedulingIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** The community is not in the registry: the service's default zone. */
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /** Deposits per local hour, every day: busy 07-09 and 18-20, none 13-16 inside the working hours 06-22. */
    private static final int[] BUSY_MORNINGS_AND_EVENINGS = {
        0, 0, 0, 0, 0, 0, 1, 3, 3, 1, 1, 1, 1, 0, 0, 0, 1, 1, 3, 3, 1, 1, 0, 0};
    /** Added later: the early afternoon fills up, and so does 09:00; 10-13 is now the quietest span. */
    private static final int[] AFTERNOONS_FILL_UP = {
        0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 2, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0};

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    WindowRecomputation recomputation;

    private final String community = "c-" + UUID.randomUUID();
    private final String manager = TestTokens.bearer(TestTokens.propertyManager(community));
    private final String staff = TestTokens.bearer(TestTokens.staff(community));

    @Test
    void windowsFollowTheQuietHoursAndTasksMoveWithThem() throws Exception {
        LocalDate today = LocalDate.now(ZONE);
        publishWeek(today, BUSY_MORNINGS_AND_EVENINGS, "a");
        publishWeek(today, BUSY_MORNINGS_AND_EVENINGS, "a"); // delivered twice: counted once
        // a deposit after the duplicates, late at night outside the working hours, tells that they were read
        LocalDate yesterday = today.minusDays(1);
        publish(deposit(yesterday.atTime(22, 30), "late"));
        String windows = awaitWindows(json -> JsonPath.<List<Integer>>read(json, "$.windows[?(@.dayOfWeek == '"
                + yesterday.getDayOfWeek() + "')].dayDeposits").contains(22));
        for (int day = 0; day < 7; day++) {
            String at = "$.windows[" + day + "].";
            assertThat(JsonPath.<String>read(windows, at + "starts")).isEqualTo("13:00");
            assertThat(JsonPath.<String>read(windows, at + "ends")).isEqualTo("16:00");
            assertThat(JsonPath.<Integer>read(windows, at + "deposits")).isZero();
            assertThat(JsonPath.<String>read(windows, at + "busiestHour")).isEqualTo("07:00");
            assertThat(JsonPath.<Integer>read(windows, at + "busiestHourDeposits")).isEqualTo(3);
        }
        assertThat(JsonPath.<List<Integer>>read(windows, "$.windows[*].dayDeposits")).containsOnly(21, 22);
        assertThat(JsonPath.<String>read(windows, "$.timeZone")).isEqualTo("Asia/Shanghai");
        assertThat(JsonPath.<String>read(windows, "$.workingHours.starts")).isEqualTo("06:00");
        assertThat(JsonPath.<List<Object>>read(windows, "$.profile")).hasSize(168);
        int dow = yesterday.getDayOfWeek().getValue();
        assertThat(JsonPath.<List<Integer>>read(windows, "$.profile[?(@.dayOfWeek == " + dow + " && @.hour == 7)].deposits"))
                .containsExactly(3);

        LocalDate tomorrow = today.plusDays(1);
        String first = plan(staff, """
                {"kind": "BIN_CLEARING", "title": "Clear drop point 1", "durationMinutes": 60, "dropPointId": "dp-1",
                 "notBefore": "%s"}""".formatted(tomorrow));
        assertThat(JsonPath.<String>read(first, "$.tasks[0].localStart")).isEqualTo(tomorrow + "T13:00:00");
        assertThat(JsonPath.<String>read(first, "$.tasks[0].localEnd")).isEqualTo(tomorrow + "T14:00:00");
        assertThat(JsonPath.<Integer>read(first, "$.tasks[0].placements")).isEqualTo(1);
        String second = plan(manager, """
                {"kind": "MAINTENANCE", "title": "Service the lift pump", "durationMinutes": 120, "areaId": "pump-room",
                 "notBefore": "%s", "by": "%s"}""".formatted(tomorrow, tomorrow.plusDays(2)));
        assertThat(JsonPath.<String>read(second, "$.tasks[0].localStart")).isEqualTo(tomorrow + "T14:00:00");
        assertThat(JsonPath.<String>read(second, "$.tasks[0].localEnd")).isEqualTo(tomorrow + "T16:00:00");

        // the pattern moves: the early afternoons fill up
        publishWeek(today, AFTERNOONS_FILL_UP, "b");
        awaitWindows(json -> JsonPath.<List<String>>read(json, "$.windows[*].starts").stream().allMatch("10:00"::equals));

        String schedule = mvc.get().uri("/api/ops/communities/{c}/schedule?from={f}&to={t}", community, tomorrow,
                tomorrow.plusDays(1)).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.streetOffice("s-1",
                community))).exchange().getResponse().getContentAsString();
        assertThat(JsonPath.<List<String>>read(schedule, "$.tasks[*].title"))
                .containsExactly("Clear drop point 1", "Service the lift pump");
        assertThat(JsonPath.<List<String>>read(schedule, "$.tasks[*].localStart"))
                .containsExactly(tomorrow + "T10:00:00", tomorrow + "T11:00:00");
        assertThat(JsonPath.<List<String>>read(schedule, "$.tasks[*].localEnd"))
                .containsExactly(tomorrow + "T11:00:00", tomorrow + "T13:00:00");
        assertThat(JsonPath.<List<Integer>>read(schedule, "$.tasks[*].placements")).allMatch(p -> p >= 2);
    }

    @Test
    void refusesBadTasksNamingTheField() throws Exception {
        String body = """
                {"kind": "%s", "title": "Clear", "durationMinutes": %s}""";
        assertInvalid(body.formatted("SWEEPING", "60"), "kind");
        assertInvalid(body.formatted("BIN_CLEARING", "5"), "durationMinutes");
        assertInvalid(body.formatted("BIN_CLEARING", "181"), "durationMinutes");
        assertInvalid(body.formatted("BIN_CLEARING", "\"an hour\""), "durationMinutes");
        assertInvalid("{\"kind\": \"MAINTENANCE\", \"durationMinutes\": 30}", "title");
        assertInvalid("{\"kind\": \"MAINTENANCE\", \"title\": \"Pump\", \"durationMinutes\": 30, \"dropPointId\": \"no spaces\"}",
                "dropPointId");
        LocalDate today = LocalDate.now(ZONE);
        assertInvalid("{\"kind\": \"MAINTENANCE\", \"title\": \"Pump\", \"durationMinutes\": 30, \"notBefore\": \"%s\", \"by\": \"%s\"}"
                .formatted(today.plusDays(3), today.plusDays(2)), "by");
        assertInvalid("{\"kind\": \"MAINTENANCE\", \"title\": \"Pump\", \"durationMinutes\": 30, \"by\": \"yesterday\"}", "by");
        assertThat(mvc.put().uri("/api/ops/communities/{c}/offpeak-windows/working-hours", community)
                .header(HttpHeaders.AUTHORIZATION, manager).contentType(MediaType.APPLICATION_JSON)
                .content("{\"starts\": \"20:00\", \"ends\": \"21:00\"}").exchange())
                .hasStatus(400).bodyJson().extractingPath("$.invalid-params[0].name").isEqualTo("ends");
        // residents see none of it
        String resident = TestTokens.bearer(TestTokens.resident(community, "h-1"));
        assertThat(mvc.get().uri("/api/ops/communities/{c}/offpeak-windows", community)
                .header(HttpHeaders.AUTHORIZATION, resident).exchange()).hasStatus(403);
        assertThat(mvc.post().uri("/api/ops/communities/{c}/planned-tasks", community).header(HttpHeaders.AUTHORIZATION, resident)
                .contentType(MediaType.APPLICATION_JSON).content(body.formatted("BIN_CLEARING", "60")).exchange()).hasStatus(403);
    }

    @Test
    void theCommunitysWorkingHoursBoundItsWindows() throws Exception {
        // no history at all: every span is as quiet as the others, so the earliest working hours win
        String windows = mvc.put().uri("/api/ops/communities/{c}/offpeak-windows/working-hours", community)
                .header(HttpHeaders.AUTHORIZATION, manager).contentType(MediaType.APPLICATION_JSON)
                .content("{\"starts\": \"08:00\", \"ends\": \"18:00\"}").exchange().getResponse().getContentAsString(
                        StandardCharsets.UTF_8);
        assertThat(JsonPath.<String>read(windows, "$.workingHours.source")).isEqualTo("COMMUNITY");
        assertThat(JsonPath.<List<String>>read(windows, "$.windows[*].starts")).containsOnly("08:00");
        assertThat(JsonPath.<List<String>>read(windows, "$.windows[*].ends")).containsOnly("11:00");
    }

    @Test
    void newWorkingHoursMoveTheTasksNotYetBegunAndLeaveTheOneUnderWayWhichCanNoLongerBeCancelled() throws Exception {
        LocalDate tomorrow = LocalDate.now(ZONE).plusDays(1);
        String planned = plan(staff, """
                {"kind": "MAINTENANCE", "title": "Check the pumps", "durationMinutes": 45, "notBefore": "%s"}"""
                .formatted(tomorrow));
        // no history: the first working hours, 06-09
        assertThat(JsonPath.<String>read(planned, "$.tasks[0].localStart")).isEqualTo(tomorrow + "T06:00:00");
        UUID underWay = UUID.randomUUID();
        Instant began = Instant.now().minusSeconds(300).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        jdbc.update("""
                INSERT INTO planned_task (id, community_id, kind, title, duration_minutes, slot_start, slot_end, placements,
                                          placed_at, created_at, created_by)
                VALUES (?, ?, 'BIN_CLEARING', 'Under way', 60, ?, ?, 1, now(), now(), 'staff')""",
                underWay, community, java.sql.Timestamp.from(began), java.sql.Timestamp.from(began.plusSeconds(3600)));

        String windows = mvc.put().uri("/api/ops/communities/{c}/offpeak-windows/working-hours", community)
                .header(HttpHeaders.AUTHORIZATION, manager).contentType(MediaType.APPLICATION_JSON)
                .content("{\"starts\": \"10:00\", \"ends\": \"20:00\"}").exchange().getResponse().getContentAsString();
        assertThat(JsonPath.<List<String>>read(windows, "$.windows[*].starts")).containsOnly("10:00");
        assertThat(JsonPath.<Integer>read(windows, "$.tasksReplaced")).isEqualTo(1);

        String schedule = mvc.get().uri("/api/ops/communities/{c}/schedule?from={f}&to={t}", community,
                LocalDate.now(ZONE), tomorrow).header(HttpHeaders.AUTHORIZATION, staff).exchange().getResponse()
                .getContentAsString();
        assertThat(JsonPath.<List<String>>read(schedule, "$.tasks[*].title")).containsExactly("Under way", "Check the pumps");
        assertThat(JsonPath.<List<String>>read(schedule, "$.tasks[*].localStart")).element(1).isEqualTo(tomorrow + "T10:00:00");
        assertThat(JsonPath.<List<Integer>>read(schedule, "$.tasks[*].placements")).containsExactly(1, 2);
        assertThat(JsonPath.<List<String>>read(schedule, "$.tasks[*].slotStart")).element(0).isEqualTo(began.toString());

        // a task is cancelled until it begins; another community's manager is told nothing
        String pumps = JsonPath.read(planned, "$.tasks[0].id");
        assertThat(mvc.delete().uri("/api/ops/communities/{c}/planned-tasks/{t}", community, underWay)
                .header(HttpHeaders.AUTHORIZATION, manager).exchange()).hasStatus(409);
        assertThat(mvc.delete().uri("/api/ops/communities/{c}/planned-tasks/{t}", "c-other", pumps)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(TestTokens.propertyManager("c-other"))).exchange())
                .hasStatus(404);
        assertThat(mvc.delete().uri("/api/ops/communities/{c}/planned-tasks/{t}", community, pumps)
                .header(HttpHeaders.AUTHORIZATION, staff).exchange()).hasStatus(204);
        assertThat(mvc.delete().uri("/api/ops/communities/{c}/planned-tasks/{t}", community, pumps)
                .header(HttpHeaders.AUTHORIZATION, staff).exchange()).hasStatus(404);
        String after = mvc.get().uri("/api/ops/communities/{c}/schedule?from={f}&to={t}", community, LocalDate.now(ZONE),
                tomorrow).header(HttpHeaders.AUTHORIZATION, staff).exchange().getResponse().getContentAsString();
        assertThat(JsonPath.<List<String>>read(after, "$.tasks[*].title")).containsExactly("Under way");
    }

    @Test
    void aRecurringBinClearingIsPlacedOncePerPeriod() throws Exception {
        // no history: every span is as quiet as the others, so each day's window is the first working hours, 06-09
        LocalDate tomorrow = LocalDate.now(ZONE).plusDays(1);
        String planned = plan(manager, """
                {"kind": "BIN_CLEARING", "title": "Daily clearing", "durationMinutes": 30, "dropPointId": "dp-2",
                 "notBefore": "%s", "repeatEveryDays": 1, "occurrences": 3}""".formatted(tomorrow));
        assertThat(JsonPath.<List<String>>read(planned, "$.tasks[*].localStart")).containsExactly(
                tomorrow + "T06:00:00", tomorrow.plusDays(1) + "T06:00:00", tomorrow.plusDays(2) + "T06:00:00");
        assertThat(JsonPath.<List<Integer>>read(planned, "$.tasks[*].occurrence")).containsExactly(1, 2, 3);
        assertThat(JsonPath.<List<String>>read(planned, "$.tasks[*].by")).containsExactly(
                tomorrow.toString(), tomorrow.plusDays(1).toString(), tomorrow.plusDays(2).toString());
        assertThat(JsonPath.<List<String>>read(planned, "$.tasks[*].seriesId")).hasSize(3).doesNotContainNull()
                .containsOnly(JsonPath.<String>read(planned, "$.tasks[0].seriesId"));
        String body = """
                {"kind": "BIN_CLEARING", "title": "Clear", "durationMinutes": 30, %s}""";
        assertInvalid(body.formatted("\"repeatEveryDays\": 1, \"occurrences\": 1"), "occurrences");
        assertInvalid(body.formatted("\"repeatEveryDays\": 1"), "occurrences");
        assertInvalid(body.formatted("\"repeatEveryDays\": 15, \"occurrences\": 2"), "repeatEveryDays");
        assertInvalid(body.formatted("\"repeatEveryDays\": 7, \"occurrences\": 2, \"by\": \"%s\"".formatted(tomorrow)), "by");
    }

    @Test
    void theHourlyJobComputesTheWindowsOfACommunityWithDeposits() throws Exception {
        LocalDate yesterday = LocalDate.now(ZONE).minusDays(1);
        publish(deposit(yesterday.atTime(8, 15), "job"));
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject(
                "SELECT coalesce(sum(deposits), 0) FROM deposit_hourly WHERE community_id = ?", Integer.class, community) == 1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM offpeak_window WHERE community_id = ?", Integer.class, community))
                .isZero();
        recomputation.recomputeAll();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM offpeak_window WHERE community_id = ?", Integer.class, community))
                .isEqualTo(7);
        assertThat(jdbc.queryForObject("SELECT day_deposits FROM offpeak_window WHERE community_id = ? AND day_of_week = ?",
                Long.class, community, yesterday.getDayOfWeek().getValue())).isEqualTo(1L);
    }

    private void assertInvalid(String body, String field) {
        assertThat(mvc.post().uri("/api/ops/communities/{c}/planned-tasks", community).header(HttpHeaders.AUTHORIZATION, manager)
                .contentType(MediaType.APPLICATION_JSON).content(body).exchange())
                .hasStatus(400).hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.invalid-params[0].name").isEqualTo(field);
    }

    private String plan(String token, String body) throws Exception {
        MvcTestResult result = mvc.post().uri("/api/ops/communities/{c}/planned-tasks", community)
                .header(HttpHeaders.AUTHORIZATION, token).contentType(MediaType.APPLICATION_JSON).content(body).exchange();
        assertThat(result).hasStatus(201);
        return result.getResponse().getContentAsString();
    }

    /** Asks for the windows to be computed again until they satisfy {@code condition}; returns them. */
    private String awaitWindows(java.util.function.Predicate<String> condition) {
        String[] last = {""};
        await().atMost(PATIENCE).until(() -> {
            last[0] = mvc.post().uri("/api/ops/communities/{c}/offpeak-windows/recompute", community)
                    .header(HttpHeaders.AUTHORIZATION, staff).exchange().getResponse().getContentAsString();
            return condition.test(last[0]);
        });
        return last[0];
    }

    /** The pattern's deposits on each of the 7 days before today, one bin, a few minutes apart. */
    private void publishWeek(LocalDate today, int[] pattern, String series) throws Exception {
        for (int back = 7; back >= 1; back--) {
            LocalDate day = today.minusDays(back);
            for (int hour = 0; hour < 24; hour++) {
                for (int i = 0; i < pattern[hour]; i++) {
                    publish(deposit(day.atTime(hour, 5 + 10 * i), series));
                }
            }
        }
        kafka.flush();
    }

    private void publish(byte[] deposit) throws Exception {
        kafka.send(SensingTopics.WASTE_DEPOSITS, community + "/bin-1", deposit).get();
    }

    /** A deposit as the sensing service writes it (docs/events.md), as JSON: the reader takes only what it uses. */
    private byte[] deposit(LocalDateTime local, String series) {
        Instant at = local.atZone(ZONE).toInstant();
        UUID id = EventIds.of(community, "bin-1", "deposit", series, at.toString());
        return """
                {"eventId": "%s", "schemaVersion": 1, "communityId": "%s", "occurredAt": "%s", "receivedAt": "%s",
                 "deviceId": "bin-1", "householdId": "h-%d", "wasteKind": "PERISHABLE",
                 "weight": {"value": 0.5, "unit": "KG"}, "correctlySorted": true}"""
                .formatted(id, community, at, at.plusSeconds(1), local.getMinute()).getBytes(StandardCharsets.UTF_8);
    }
}
