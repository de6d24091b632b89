package org.communitycarbon.ops.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.communitycarbon.model.registry.CommunityChanged;
import org.communitycarbon.model.registry.CommunityType;
import org.communitycarbon.model.registry.RegistryTopics;
import org.communitycarbon.model.reports.MonthlyFiguresPublished;
import org.communitycarbon.model.reports.ReportSource;
import org.communitycarbon.model.reports.ReportTopics;
import org.communitycarbon.ops.OpsTicketServiceTest;
import org.communitycarbon.support.messaging.EventCodec;
import org.communitycarbon.testing.TestDatabase;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.jayway.jsonpath.JsonPath;

/**
 * Monthly reports through Kafka and the API: two communities of a street with figures from all five sources give
 * the totals and rates of a hand calculation (see {@link MonthlyFiguresMother}); revisions are kept newest first, once;
 * the street office sees its communities and nothing else; downloads in CSV and XLSX; reports kept after month end.
 *
 * <p>Hand calculation, community A | B | total: participation 60/100 = 0.6 | 30/75 = 0.4 | 90/175 = 0.5143; sorting accuracy
 * 150/200 = 0.75 | 90/100 = 0.9 | 240/300 = 0.8; recycling rate (100+100)/(500+100) = 0.3333 | (50+100)/(250+100) =
 * 0.4286 | 350/950 = 0.3684; electricity per household 15000/90 = 166.67 | 6000/40 = 150 | 21000/130 = 161.54; uptime
 * 0.95 | 0.75 | 2450/3000 = 0.8167; work orders on time 6/8 | 2/2 | 8/10; credits issued 112800 | 50000 | 162800.
 */
@OpsTicketServiceTest
class MonthlyReportsIT {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired
    MockMvcTester mvc;

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    EventCodec codec;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    KeptReports keptReports;

    private final String street = "st-" + UUID.randomUUID().toString().substring(0, 8);
    private final String a = "a-" + UUID.randomUUID();
    private final String b = "b-" + UUID.randomUUID();
    private final String third = "c-" + UUID.randomUUID();
    /** Two months ago in Shanghai: over, and past the 3 days' wait. */
    private final YearMonth month = YearMonth.now(SHANGHAI).minusMonths(2);
    private final String streetOffice = TestTokens.streetOffice(street, a, b);

    @Test
    void aStreetOfficeGetsItsTwoCommunitiesAndTheirTotalAsAHandCalculationSays() throws Exception {
        publishBoth();
        MvcTestResult report = get(streetOffice, "/api/ops/reports/monthly?month={m}", month);
        assertThat(report).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.communities[*].communityId", v -> v.assertThat().asList().containsExactly(a, b))
                .hasPathSatisfying("$.communities[0].streetId", v -> v.assertThat().isEqualTo(street))
                .hasPathSatisfying("$.communities[0].indicators.participationRate", v -> v.assertThat().isEqualTo(0.6))
                .hasPathSatisfying("$.communities[1].indicators.participationRate", v -> v.assertThat().isEqualTo(0.4))
                .hasPathSatisfying("$.total.indicators.participationRate", v -> v.assertThat().isEqualTo(0.5143))
                .hasPathSatisfying("$.total.indicators.sortingAccuracy", v -> v.assertThat().isEqualTo(0.8))
                .hasPathSatisfying("$.total.indicators.recyclingRate", v -> v.assertThat().isEqualTo(0.3684))
                .hasPathSatisfying("$.total.indicators.energyPerHousehold", v -> v.assertThat().isEqualTo(161.54))
                .hasPathSatisfying("$.total.indicators.deviceUptime", v -> v.assertThat().isEqualTo(0.8167))
                .hasPathSatisfying("$.total.indicators.workOrdersOnTimeRate", v -> v.assertThat().isEqualTo(0.8))
                .hasPathSatisfying("$.total.indicators.workOrdersEscalated", v -> v.assertThat().isEqualTo(2))
                .hasPathSatisfying("$.total.indicators.creditsIssued", v -> v.assertThat().isEqualTo(162800))
                .hasPathSatisfying("$.total.indicators.creditsRedeemed", v -> v.assertThat().isEqualTo(6000))
                .hasPathSatisfying("$.total.indicators['reduction.SORTED_PERISHABLE_WASTE']", v -> v.assertThat().isEqualTo(90))
                .hasPathSatisfying("$.total.figures['households.count']", v -> v.assertThat().isEqualTo(175))
                .hasPathSatisfying("$.complete", v -> v.assertThat().isEqualTo(true))
                .hasPathSatisfying("$.total.sources[*].status", v -> v.assertThat().asList().containsOnly("COMPLETE"))
                .hasPathSatisfying("$.comparison[?(@.indicator == 'sortingAccuracy')].ranks[0].communityId",
                        v -> v.assertThat().asList().containsExactly(b));
        // aggregates only: no household is named
        assertThat(report.getResponse().getContentAsString()).doesNotContain("householdId").doesNotContain("\"household\"");

        // one community of its two, or both asked by name
        assertThat(get(streetOffice, "/api/ops/reports/monthly?month={m}&communityId={a}", month, a)).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.communities.length()", v -> v.assertThat().isEqualTo(1))
                .hasPathSatisfying("$.total.indicators.participationRate", v -> v.assertThat().isEqualTo(0.6));
        // a third community, household detail and a resident: refused
        assertThat(get(streetOffice, "/api/ops/reports/monthly?month={m}&communityId={a}&communityId={c}", month, a, third))
                .hasStatus(403);
        assertThat(get(streetOffice, "/api/ops/communities/{c}/bins", a)).hasStatus(403);
        assertThat(get(TestTokens.resident(a, "h-1"), "/api/ops/reports/monthly?month={m}", month)).hasStatus(403);
        // the property manager reads their own community only
        assertThat(get(TestTokens.propertyManager(a), "/api/ops/reports/monthly?month={m}", month)).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.communities[*].communityId", v -> v.assertThat().asList().containsExactly(a));
        assertThat(get(TestTokens.propertyManager(a), "/api/ops/reports/monthly?month={m}&communityId={b}", month, b)).hasStatus(403);
    }

    @Test
    void aBadMonthFormatOrLanguageIsAProblemNamingIt() {
        assertThat(get(streetOffice, "/api/ops/reports/monthly?month=2026-13")).hasStatus(400).bodyJson()
                .hasPathSatisfying("$['invalid-params'][0].name", v -> v.assertThat().isEqualTo("month"));
        assertThat(get(streetOffice, "/api/ops/reports/monthly")).hasStatus(400).bodyJson()
                .hasPathSatisfying("$['invalid-params'][0].name", v -> v.assertThat().isEqualTo("month"));
        assertThat(get(streetOffice, "/api/ops/reports/monthly?month=2026-11&format=pdf")).hasStatus(400).bodyJson()
                .hasPathSatisfying("$['invalid-params'][0].name", v -> v.assertThat().isEqualTo("format"));
        assertThat(get(streetOffice, "/api/ops/reports/monthly?month=2026-11&lang=fr")).hasStatus(400).bodyJson()
                .hasPathSatisfying("$['invalid-params'][0].name", v -> v.assertThat().isEqualTo("lang"));
    }

    @Test
    void theNewestRevisionOfEachSourceCountsOnceAndALateOlderOneIsIgnored() throws Exception {
        publishBoth();
        publish(MonthlyFiguresMother.published(a, month, ReportSource.CREDITS, 2, true,
                MonthlyFiguresMother.figures("credits.issued", "120000", "credits.redeemed", "5000")));
        // the revision 2 again, and a revision 1 with other figures arriving after it
        publish(MonthlyFiguresMother.published(a, month, ReportSource.CREDITS, 2, true,
                MonthlyFiguresMother.figures("credits.issued", "120000", "credits.redeemed", "5000")));
        publish(MonthlyFiguresMother.published(a, month, ReportSource.CREDITS, 1, true,
                MonthlyFiguresMother.figures("credits.issued", "999", "credits.redeemed", "1")));
        UUID marker = publishMarker();
        await().atMost(PATIENCE).until(() -> processed(marker));
        assertThat(get(streetOffice, "/api/ops/reports/monthly?month={m}", month)).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.communities[0].indicators.creditsIssued", v -> v.assertThat().isEqualTo(120000))
                .hasPathSatisfying("$.total.indicators.creditsIssued", v -> v.assertThat().isEqualTo(170000))
                .hasPathSatisfying("$.communities[0].sources[?(@.source == 'CREDITS')].revision",
                        v -> v.assertThat().asList().containsExactly(2));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM processed_event WHERE consumer = ? AND event_id = ?", Integer.class,
                ReceivedFigures.CONSUMER, MonthlyFiguresPublished.eventIdOf(ReportSource.CREDITS, a, month.toString(), 2))).isEqualTo(1);
    }

    @Test
    void aMissingSourceIsShownMissingNeverZero() throws Exception {
        String lonely = "d-" + UUID.randomUUID();
        publish(MonthlyFiguresMother.published(lonely, month, ReportSource.OPS, 1, true,
                MonthlyFiguresMother.communityA().get(ReportSource.OPS)));
        await().atMost(PATIENCE).until(() -> received(lonely, ReportSource.OPS));
        assertThat(get(TestTokens.admin(), "/api/ops/reports/monthly?month={m}&communityId={d}", month, lonely)).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.communities[0].indicators.sortingAccuracy", v -> v.assertThat().isNull())
                .hasPathSatisfying("$.communities[0].indicators.workOrdersOpened", v -> v.assertThat().isEqualTo(10))
                .hasPathSatisfying("$.communities[0].sources[?(@.source == 'SENSING')].status",
                        v -> v.assertThat().asList().containsExactly("MISSING"))
                .hasPathSatisfying("$.complete", v -> v.assertThat().isEqualTo(false));
    }

    @Test
    void downloadsAsXlsxWithChineseHeadersAndAsCsvInEnglish() throws Exception {
        publishBoth();
        MvcTestResult xlsx = get(streetOffice, "/api/ops/reports/monthly?month={m}&format=xlsx", month);
        assertThat(xlsx).hasStatusOk().hasContentType(ReportExports.XLSX);
        assertThat(xlsx.getResponse().getHeader(HttpHeaders.CONTENT_DISPOSITION))
                .isEqualTo("attachment; filename=\"monthly-report-" + month + ".xlsx\"");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.getResponse().getContentAsByteArray()))) {
            Sheet sheet = workbook.getSheet("指标");
            Row header = sheet.getRow(0);
            assertThat(List.of(header.getCell(0).getStringCellValue(), header.getCell(2).getStringCellValue(),
                    header.getCell(3).getStringCellValue(), header.getCell(4).getStringCellValue()))
                    .containsExactly("指标", a, b, "合计");
            assertThat(number(row(sheet, "分类参与率"), 4)).isEqualByComparingTo("0.5143");
            assertThat(number(row(sheet, "分类准确率"), 2)).isEqualByComparingTo("0.75");
            assertThat(number(row(sheet, "户均用电量"), 4)).isEqualByComparingTo("161.54");
            assertThat(number(row(sheet, "发放积分"), 4)).isEqualByComparingTo("162800");
            assertThat(number(row(sheet, "按时办结工单"), 4)).isEqualByComparingTo("8");
        }
        // Accept chooses the format and Accept-Language the headers
        MvcTestResult csv = mvc.get().uri("/api/ops/reports/monthly?month={m}", month)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(streetOffice))
                .header(HttpHeaders.ACCEPT, "text/csv").header(HttpHeaders.ACCEPT_LANGUAGE, "en-GB,en;q=0.8").exchange();
        assertThat(csv).hasStatusOk();
        assertThat(csv.getResponse().getContentType()).startsWith("text/csv");
        assertThat(csv.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8))
                .startsWith("\uFEFFIndicator,Unit," + a + "," + b + ",Total\r\n")
                .contains("\r\nSorting participation,share (0–1),0.6000,0.4000,0.5143\r\n");
    }

    @Test
    void reportsAreKeptOnceTheMonthIsOverAndALateRevisionKeepsANewOne() throws Exception {
        publishBoth();
        // the running month is not kept
        YearMonth running = YearMonth.now(SHANGHAI);
        publish(MonthlyFiguresMother.published(a, running, ReportSource.OPS, 1, false,
                MonthlyFiguresMother.communityA().get(ReportSource.OPS)));
        await().atMost(PATIENCE).until(() -> receivedMonth(a, running));
        keptReports.keepDue();
        assertThat(kept("COMMUNITY", a, running)).isZero();
        assertThat(kept("COMMUNITY", a, month)).isEqualTo(1);
        assertThat(kept("COMMUNITY", b, month)).isEqualTo(1);
        assertThat(kept("STREET", street, month)).isEqualTo(1);
        keptReports.keepDue();
        assertThat(kept("STREET", street, month)).isEqualTo(1);

        // a correction of a's credits: a new revision of a's report and of the street's, the first ones stay
        publish(MonthlyFiguresMother.published(a, month, ReportSource.CREDITS, 2, true,
                MonthlyFiguresMother.figures("credits.issued", "120000", "credits.redeemed", "5000")));
        await().atMost(PATIENCE).until(() -> revision(a, ReportSource.CREDITS) == 2);
        keptReports.keepDue();
        assertThat(kept("COMMUNITY", a, month)).isEqualTo(2);
        assertThat(kept("COMMUNITY", b, month)).isEqualTo(1);
        assertThat(kept("STREET", street, month)).isEqualTo(2);

        MvcTestResult archive = get(streetOffice, "/api/ops/reports/monthly/archive?month={m}", month);
        assertThat(archive).hasStatusOk().bodyJson()
                .hasPathSatisfying("$[?(@.scope == 'STREET')].revision", v -> v.assertThat().asList().containsExactly(2, 1))
                .hasPathSatisfying("$[?(@.scope == 'COMMUNITY')].scopeId", v -> v.assertThat().asList().containsOnly(a, b));
        String streetReport = JsonPath.read(archive.getResponse().getContentAsString(), "$[?(@.scope == 'STREET')].id").toString()
                .replaceAll("[\\[\\]\"]", "").split(",")[0];
        assertThat(get(streetOffice, "/api/ops/reports/monthly/archive/{id}", streetReport)).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.scope", v -> v.assertThat().isEqualTo("STREET"))
                .hasPathSatisfying("$.revision", v -> v.assertThat().isEqualTo(2))
                .hasPathSatisfying("$.total.indicators.creditsIssued", v -> v.assertThat().isEqualTo(170000))
                .hasPathSatisfying("$.total.indicators.participationRate", v -> v.assertThat().isEqualTo(0.5143));
        MvcTestResult xlsx = get(streetOffice, "/api/ops/reports/monthly/archive/{id}?format=xlsx&lang=en", streetReport);
        assertThat(xlsx).hasStatusOk();
        assertThat(xlsx.getResponse().getHeader(HttpHeaders.CONTENT_DISPOSITION))
                .contains("monthly-report-street-" + street + "-" + month + "-r2.xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.getResponse().getContentAsByteArray()))) {
            assertThat(number(row(workbook.getSheet("Indicators"), "Credits issued"), 4)).isEqualByComparingTo("170000");
        }
        // another street's office and b's property manager do not see the street's report
        assertThat(get(TestTokens.streetOffice("elsewhere", third), "/api/ops/reports/monthly/archive/{id}", streetReport))
                .hasStatus(404);
        assertThat(get(TestTokens.propertyManager(b), "/api/ops/reports/monthly/archive?month={m}", month)).hasStatusOk().bodyJson()
                .hasPathSatisfying("$[*].scopeId", v -> v.assertThat().asList().containsOnly(b));
        // kept reports are for good
        JdbcTemplate app = new JdbcTemplate(TestDatabase.app("ops"));
        assertThatThrownBy(() -> app.update("DELETE FROM ops.monthly_report WHERE scope_id = ?", street))
                .rootCause().hasMessageContaining("permission denied");
    }

    @Test
    void aMonthWithASourceStillMissingIsKeptIncompleteOnlyAfterThreeDays() throws Exception {
        String lonely = "e-" + UUID.randomUUID();
        YearMonth justEnded = YearMonth.now(SHANGHAI).minusMonths(1);
        boolean graceOver = Instant.now().isAfter(YearMonth.now(SHANGHAI).atDay(1).atStartOfDay(SHANGHAI).toInstant()
                .plus(Duration.ofDays(3)));
        publish(MonthlyFiguresMother.published(lonely, month, ReportSource.OPS, 1, true,
                MonthlyFiguresMother.communityA().get(ReportSource.OPS)));
        publish(MonthlyFiguresMother.published(lonely, justEnded, ReportSource.OPS, 1, true,
                MonthlyFiguresMother.communityA().get(ReportSource.OPS)));
        await().atMost(PATIENCE).until(() -> receivedMonth(lonely, justEnded) && receivedMonth(lonely, month));
        keptReports.keepDue();
        assertThat(kept("COMMUNITY", lonely, month)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT complete FROM monthly_report WHERE scope_id = ? AND month = ?", Boolean.class,
                lonely, month.toString())).isFalse();
        assertThat(kept("COMMUNITY", lonely, justEnded)).isEqualTo(graceOver ? 1 : 0);
    }

    private void publishBoth() throws Exception {
        publish(RegistryTopics.COMMUNITIES, a, community(a));
        publish(RegistryTopics.COMMUNITIES, b, community(b));
        for (Map.Entry<ReportSource, Map<String, String>> source : MonthlyFiguresMother.communityA().entrySet()) {
            publish(MonthlyFiguresMother.published(a, month, source.getKey(), 1, true, source.getValue()));
        }
        for (Map.Entry<ReportSource, Map<String, String>> source : MonthlyFiguresMother.communityB().entrySet()) {
            publish(MonthlyFiguresMother.published(b, month, source.getKey(), 1, true, source.getValue()));
        }
        // a's previous month, for the trend
        publish(MonthlyFiguresMother.published(a, month.minusMonths(1), ReportSource.ACCOUNTING, 1, true,
                MonthlyFiguresMother.figures("energy.householdKwh", "18000", "energy.householdsMetered", "90")));
        await().atMost(PATIENCE).until(() -> sources(a) == 5 && sources(b) == 5 && street(a) && street(b));
    }

    private CommunityChanged community(String id) {
        return new CommunityChanged(CommunityChanged.eventIdOf(id, 1), CommunityChanged.SCHEMA_VERSION, id, Instant.now(), 1,
                "Community " + id, CommunityType.OLDER, "east-china", "Asia/Shanghai", street);
    }

    private void publish(MonthlyFiguresPublished event) throws Exception {
        publish(ReportTopics.MONTHLY_FIGURES, event.communityId(), event);
    }

    private void publish(String topic, String key, Object event) throws Exception {
        kafka.send(topic, key, codec.encode(event)).get();
    }

    /** A publication after the others of the test on the same partition: once it is in, the others are too. */
    private UUID publishMarker() throws Exception {
        MonthlyFiguresPublished marker = MonthlyFiguresMother.published(a, month.minusMonths(3), ReportSource.RECYCLING, 1, true,
                MonthlyFiguresMother.figures("recycling.collectedKg", "1"));
        publish(marker);
        return marker.eventId();
    }

    private boolean processed(UUID eventId) {
        return jdbc.queryForObject("SELECT count(*) FROM processed_event WHERE consumer = ? AND event_id = ?", Integer.class,
                ReceivedFigures.CONSUMER, eventId) == 1;
    }

    private int sources(String community) {
        return jdbc.queryForObject("SELECT count(*) FROM monthly_figures_received WHERE community_id = ? AND month = ?",
                Integer.class, community, month.toString());
    }

    private boolean received(String community, ReportSource source) {
        return revision(community, source) > 0;
    }

    private int revision(String community, ReportSource source) {
        return jdbc.queryForObject("""
                SELECT coalesce(max(revision), 0) FROM monthly_figures_received WHERE community_id = ? AND month = ? AND source = ?""",
                Integer.class, community, month.toString(), source.name());
    }

    private boolean receivedMonth(String community, YearMonth yearMonth) {
        return jdbc.queryForObject("SELECT count(*) FROM monthly_figures_received WHERE community_id = ? AND month = ?",
                Integer.class, community, yearMonth.toString()) > 0;
    }

    private boolean street(String community) {
        return street.equals(jdbc.query("SELECT street_id FROM monitoring_community WHERE community_id = ?",
                rs -> rs.next() ? rs.getString(1) : null, community));
    }

    private int kept(String scope, String scopeId, YearMonth yearMonth) {
        return jdbc.queryForObject("SELECT count(*) FROM monthly_report WHERE scope = ? AND scope_id = ? AND month = ?",
                Integer.class, scope, scopeId, yearMonth.toString());
    }

    private MvcTestResult get(String token, String uri, Object... variables) {
        return mvc.get().uri(uri, variables).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(token)).exchange();
    }

    private static Row row(Sheet sheet, String name) {
        for (Row row : sheet) {
            if (row.getCell(0) != null && name.equals(row.getCell(0).getStringCellValue())) {
                return row;
            }
        }
        throw new AssertionError("no row " + name);
    }

    private static BigDecimal number(Row row, int cell) {
        return BigDecimal.valueOf(row.getCell(cell).getNumericCellValue());
    }
}
