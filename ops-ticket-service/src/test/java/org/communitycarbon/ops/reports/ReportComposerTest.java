package org.communitycarbon.ops.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.communitycarbon.model.reports.ReportSource;
import org.junit.jupiter.api.Test;

/** The report's composition (sums first, then rates), its ranking, and its CSV and XLSX forms. */
class ReportComposerTest {

    private static final YearMonth MONTH = YearMonth.of(2026, 10);

    private static MonthlyReport report() {
        return ReportComposer.compose(MONTH,
                List.of(MonthlyFiguresMother.month("a", MONTH, MonthlyFiguresMother.communityA(), true),
                        MonthlyFiguresMother.month("b", MONTH, MonthlyFiguresMother.communityB(), true)),
                List.of(MonthlyFiguresMother.month("a", MONTH.minusMonths(1), Map.of(ReportSource.ACCOUNTING,
                                MonthlyFiguresMother.figures("energy.householdKwh", "18000", "energy.householdsMetered", "90")), true),
                        new ReceivedFigures.CommunityMonth("b", MONTH.minusMonths(1), Map.of())),
                Map.of("a", "east-lake"), Instant.parse("2026-11-05T00:00:00Z"), "COMMUNITIES", null, 0);
    }

    @Test
    void composesTheTotalsRatesFromSummedCountsNeverFromAveragedRates() {
        MonthlyReport report = report();
        assertThat(report.communities().get(0).indicators().get("participationRate")).isEqualByComparingTo("0.6");
        assertThat(report.communities().get(1).indicators().get("participationRate")).isEqualByComparingTo("0.4");
        // 90 / 175, not (0.6 + 0.4) / 2
        assertThat(report.total().indicators().get("participationRate")).isEqualByComparingTo("0.5143");
        assertThat(report.total().indicators().get("sortingAccuracy")).isEqualByComparingTo("0.8");
        assertThat(report.total().indicators().get("recyclingRate")).isEqualByComparingTo("0.3684");
        assertThat(report.total().indicators().get("energyPerHousehold")).isEqualByComparingTo("161.54");
        assertThat(report.total().indicators().get("deviceUptime")).isEqualByComparingTo("0.8167");
        assertThat(report.total().indicators().get("workOrdersOnTimeRate")).isEqualByComparingTo("0.8");
        assertThat(report.total().indicators().get("creditsIssued")).isEqualByComparingTo("162800");
        assertThat(report.total().indicators().get("reductionTotal")).isEqualByComparingTo("172.8");
        assertThat(report.communities().get(0).indicators().get("energyPerHouseholdChange")).isEqualByComparingTo("-0.1667");
        // b has no previous month: its trend, and the total's, are missing
        assertThat(report.communities().get(1).indicators().get("energyPerHouseholdChange")).isNull();
        assertThat(report.total().indicators().get("energyPerHouseholdChange")).isNull();
        assertThat(report.communities().get(0).streetId()).isEqualTo("east-lake");
        assertThat(report.complete()).isTrue();
    }

    @Test
    void ranksEachIndicatorBestFirstAndAMissingSourceIsMissingNotZero() {
        ReceivedFigures.CommunityMonth onlyOps = MonthlyFiguresMother.month("c", MONTH,
                Map.of(ReportSource.OPS, MonthlyFiguresMother.communityB().get(ReportSource.OPS)), false);
        MonthlyReport report = ReportComposer.compose(MONTH,
                List.of(MonthlyFiguresMother.month("a", MONTH, MonthlyFiguresMother.communityA(), true), onlyOps),
                List.of(), Map.of(), Instant.now(), "COMMUNITIES", null, 0);
        assertThat(report.communities().get(1).indicators().get("sortingAccuracy")).isNull();
        assertThat(report.communities().get(1).indicators()).containsKey("sortingAccuracy");
        assertThat(report.communities().get(1).sources()).filteredOn(s -> s.source() == ReportSource.SENSING)
                .extracting(MonthlyReport.SourceStatus::status).containsExactly("MISSING");
        assertThat(report.total().indicators().get("sortingAccuracy")).isNull();
        assertThat(report.total().sources()).filteredOn(s -> s.source() == ReportSource.SENSING)
                .flatExtracting(MonthlyReport.SourceStatus::missingIn).containsExactly("c");
        assertThat(report.total().indicators().get("workOrdersOpened")).isEqualByComparingTo("14");
        assertThat(report.complete()).isFalse();
        MonthlyReport.Ranking accuracy = report.comparison().stream().filter(r -> r.indicator().equals("sortingAccuracy")).findFirst()
                .orElseThrow();
        assertThat(accuracy.ranks()).extracting(MonthlyReport.Rank::communityId, MonthlyReport.Rank::rank)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", 1), org.assertj.core.groups.Tuple.tuple("c", null));
        // fewer escalations rank higher
        MonthlyReport.Ranking escalated = report.comparison().stream().filter(r -> r.indicator().equals("workOrdersEscalated"))
                .findFirst().orElseThrow();
        assertThat(escalated.ranks()).extracting(MonthlyReport.Rank::communityId).containsExactly("c", "a");
    }

    @Test
    void csvHasChineseOrEnglishHeadersAndWritesAFormulaAsText() {
        MonthlyReport report = report();
        String zh = new String(ReportExports.csv(report, "zh"), StandardCharsets.UTF_8);
        assertThat(zh).startsWith("\uFEFF指标,单位,a,b,合计\r\n");
        assertThat(zh).contains("\r\n分类参与率,比率 (0–1),0.6000,0.4000,0.5143\r\n");
        assertThat(zh).contains("户均用电量环比,比率 (0–1),-0.1667,缺失,缺失\r\n");
        String en = new String(ReportExports.csv(report, "en"), StandardCharsets.UTF_8);
        assertThat(en).startsWith("\uFEFFIndicator,Unit,a,b,Total\r\n").contains("\r\nSorting accuracy,share (0–1),0.7500,0.9000,0.8000\r\n");

        MonthlyReport.Area a = report.communities().get(0);
        MonthlyReport.Area evil = new MonthlyReport.Area("=HYPERLINK(\"http://x\",\"y\")", null, a.communityIds(), a.indicators(),
                a.figures(), a.sources());
        MonthlyReport crafted = new MonthlyReport(report.month(), report.generatedAt(), report.scope(), report.scopeId(), 0, true,
                report.indicators(), List.of(evil), report.total(), List.of());
        String csv = new String(ReportExports.csv(crafted, "en"), StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFFIndicator,Unit,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",Total\r\n");
    }

    @Test
    void xlsxParsesBackWithTheSameNumbers() throws Exception {
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(ReportExports.xlsx(report(), "zh")))) {
            assertThat(workbook.getNumberOfSheets()).isEqualTo(3);
            Sheet sheet = workbook.getSheet("指标");
            Row header = sheet.getRow(0);
            assertThat(header.getCell(0).getStringCellValue()).isEqualTo("指标");
            assertThat(header.getCell(4).getStringCellValue()).isEqualTo("合计");
            Row participation = row(sheet, "分类参与率");
            assertThat(BigDecimal.valueOf(participation.getCell(4).getNumericCellValue())).isEqualByComparingTo("0.5143");
            assertThat(participation.getCell(4).getCellStyle().getDataFormatString()).isEqualTo("0.00%");
            assertThat(BigDecimal.valueOf(row(sheet, "发放积分").getCell(4).getNumericCellValue())).isEqualByComparingTo("162800");
            assertThat(row(sheet, "户均用电量环比").getCell(3).getStringCellValue()).isEqualTo("缺失");
        }
    }

    private static Row row(Sheet sheet, String name) {
        for (Row row : sheet) {
            if (row.getCell(0) != null && name.equals(row.getCell(0).getStringCellValue())) {
                return row;
            }
        }
        throw new AssertionError("no row " + name);
    }
}
