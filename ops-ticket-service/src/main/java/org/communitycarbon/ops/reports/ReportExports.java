package org.communitycarbon.ops.reports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.communitycarbon.model.Unit;
import org.communitycarbon.model.reports.ReportSource;
import org.jspecify.annotations.Nullable;

/**
 * A monthly report as a table, for downloads: one row per indicator and one column per community and the total, then
 * the ranks, then each source's status; headers in Chinese or English. CSV (UTF-8 with a byte-order mark, so that
 * spreadsheet programs read the Chinese) writes a text cell a spreadsheet would run as a formula (starting with
 * {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return) with a leading apostrophe, as the credits
 * service's property-fee CSV does; numbers are written as they are. XLSX has the same rows on three sheets, numbers
 * as numbers and rates formatted as percentages; POI writes text cells as text, never as formulas.
 */
final class ReportExports {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static final Pattern FORMULA = Pattern.compile("^[=+\\-@\\t\\r].*", Pattern.DOTALL);

    private ReportExports() {
    }

    /** One cell: text, a number (with its unit, for formatting) or nothing. */
    private record Value(@Nullable String text, @Nullable BigDecimal number, @Nullable Unit unit) {

        static Value text(String text) {
            return new Value(text, null, null);
        }

        static Value of(@Nullable BigDecimal number, Unit unit, String missing) {
            return number == null ? text(missing) : new Value(null, number, unit);
        }
    }

    /** A sheet: a name and its rows. */
    private record Table(String name, List<List<Value>> rows) {
    }

    private static List<Table> tables(MonthlyReport report, String lang) {
        boolean en = "en".equals(lang);
        String missing = en ? "missing" : "缺失";
        List<String> columns = new ArrayList<>();
        report.communities().forEach(c -> columns.add(c.communityId()));
        String totalName = en ? "Total" : "合计";

        List<List<Value>> indicators = new ArrayList<>();
        List<Value> header = new ArrayList<>(List.of(Value.text(en ? "Indicator" : "指标"), Value.text(en ? "Unit" : "单位")));
        columns.forEach(c -> header.add(Value.text(c)));
        header.add(Value.text(totalName));
        indicators.add(header);
        for (Indicator indicator : Indicator.ALL) {
            List<Value> row = new ArrayList<>(List.of(Value.text(indicator.name(lang)), Value.text(unitName(indicator.unit(), en))));
            for (MonthlyReport.Area area : report.communities()) {
                row.add(Value.of(area.indicators().get(indicator.key()), indicator.unit(), missing));
            }
            row.add(Value.of(report.total().indicators().get(indicator.key()), indicator.unit(), missing));
            indicators.add(row);
        }

        List<List<Value>> ranks = new ArrayList<>();
        List<Value> rankHeader = new ArrayList<>(List.of(Value.text(en ? "Indicator" : "指标"), Value.text(en ? "Better when" : "优劣方向")));
        columns.forEach(c -> rankHeader.add(Value.text(c)));
        ranks.add(rankHeader);
        for (Indicator indicator : Indicator.ALL) {
            List<Value> row = new ArrayList<>(List.of(Value.text(indicator.name(lang)),
                    Value.text(indicator.higherIsBetter() ? (en ? "higher" : "越高越好") : (en ? "lower" : "越低越好"))));
            MonthlyReport.Ranking ranking = report.comparison().stream().filter(r -> r.indicator().equals(indicator.key()))
                    .findFirst().orElse(new MonthlyReport.Ranking(indicator.key(), List.of()));
            for (String community : columns) {
                Integer rank = ranking.ranks().stream().filter(r -> r.communityId().equals(community)).map(MonthlyReport.Rank::rank)
                        .filter(java.util.Objects::nonNull).findFirst().orElse(null);
                row.add(Value.of(rank == null ? null : BigDecimal.valueOf(rank), Unit.COUNT, en ? "not ranked" : "无排名"));
            }
            ranks.add(row);
        }

        List<List<Value>> sources = new ArrayList<>();
        List<Value> sourceHeader = new ArrayList<>(List.of(Value.text(en ? "Source" : "数据来源"), Value.text(en ? "Status" : "状态")));
        columns.forEach(c -> sourceHeader.add(Value.text(c)));
        sourceHeader.add(Value.text(totalName));
        sources.add(sourceHeader);
        for (ReportSource source : ReportSource.values()) {
            List<Value> row = new ArrayList<>(List.of(Value.text(sourceName(source, en)), Value.text(en ? "revision, status" : "修订号、状态")));
            for (MonthlyReport.Area area : report.communities()) {
                row.add(Value.text(status(area.sources(), source, en)));
            }
            row.add(Value.text(status(report.total().sources(), source, en)));
            sources.add(row);
        }
        sources.add(List.of());
        sources.add(List.of(Value.text(en ? "Month" : "月份"), Value.text(report.month())));
        sources.add(List.of(Value.text(en ? "Generated at" : "生成时间"), Value.text(report.generatedAt().toString())));
        sources.add(List.of(Value.text(en ? "Complete" : "数据完整"), Value.text(report.complete() ? (en ? "yes" : "是") : (en ? "no" : "否"))));
        if (report.revision() > 0) {
            sources.add(List.of(Value.text(en ? "Report revision" : "报告修订号"), Value.of(BigDecimal.valueOf(report.revision()), Unit.COUNT, "")));
        }
        return List.of(new Table(en ? "Indicators" : "指标", indicators), new Table(en ? "Ranking" : "排名", ranks),
                new Table(en ? "Sources" : "数据来源", sources));
    }

    /** The report as CSV: the three tables one after the other, an empty line between them. */
    static byte[] csv(MonthlyReport report, String lang) {
        StringBuilder out = new StringBuilder("\uFEFF");
        List<Table> tables = tables(report, lang);
        for (int t = 0; t < tables.size(); t++) {
            if (t > 0) {
                out.append("\r\n");
            }
            for (List<Value> row : tables.get(t).rows()) {
                for (int i = 0; i < row.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    out.append(csvCell(row.get(i)));
                }
                out.append("\r\n");
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String csvCell(Value value) {
        if (value.number() != null) {
            return value.number().toPlainString();
        }
        String text = value.text() == null ? "" : value.text();
        if (FORMULA.matcher(text).matches()) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }

    /** The report as an XLSX workbook of three sheets. */
    static byte[] xlsx(MonthlyReport report, String lang) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            CellStyle percent = workbook.createCellStyle();
            percent.setDataFormat(workbook.createDataFormat().getFormat("0.00%"));
            for (Table table : tables(report, lang)) {
                Sheet sheet = workbook.createSheet(table.name());
                for (int r = 0; r < table.rows().size(); r++) {
                    Row row = sheet.createRow(r);
                    List<Value> values = table.rows().get(r);
                    for (int c = 0; c < values.size(); c++) {
                        Cell cell = row.createCell(c);
                        Value value = values.get(c);
                        if (value.number() != null) {
                            cell.setCellValue(value.number().doubleValue());
                            if (value.unit() == Unit.RATIO) {
                                cell.setCellStyle(percent);
                            }
                        }
                        else {
                            cell.setCellValue(value.text() == null ? "" : value.text());
                            if (r == 0) {
                                cell.setCellStyle(bold);
                            }
                        }
                    }
                }
                sheet.setColumnWidth(0, 40 * 256);
                sheet.createFreezePane(2, 1);
            }
            workbook.write(out);
            return out.toByteArray();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String status(List<MonthlyReport.SourceStatus> statuses, ReportSource source, boolean en) {
        MonthlyReport.SourceStatus status = statuses.stream().filter(s -> s.source() == source).findFirst()
                .orElse(new MonthlyReport.SourceStatus(source, ReportComposer.MISSING, null, null, List.of()));
        String word = switch (status.status()) {
            case ReportComposer.COMPLETE -> en ? "complete" : "完整";
            case ReportComposer.RUNNING -> en ? "running month" : "月中数据";
            default -> en ? "missing" : "缺失";
        };
        String text = status.revision() == null ? word : "r" + status.revision() + " " + word;
        return status.missingIn().isEmpty() ? text : text + " (" + String.join(" ", status.missingIn()) + ")";
    }

    private static String unitName(Unit unit, boolean en) {
        return switch (unit) {
            case RATIO -> en ? "share (0–1)" : "比率 (0–1)";
            case COUNT -> en ? "count" : "个";
            case CREDIT -> en ? "credits" : "积分";
            default -> unit.symbol();
        };
    }

    private static final Map<ReportSource, String[]> SOURCE_NAMES = Map.of(
            ReportSource.SENSING, new String[] {"感知（设备、投放）", "sensing (devices, deposits)"},
            ReportSource.ACCOUNTING, new String[] {"核算（住户、用电、减排）", "accounting (households, electricity, reductions)"},
            ReportSource.CREDITS, new String[] {"积分", "credits"},
            ReportSource.RECYCLING, new String[] {"回收", "recycling"},
            ReportSource.OPS, new String[] {"工单", "work orders"});

    private static String sourceName(ReportSource source, boolean en) {
        return SOURCE_NAMES.get(source)[en ? 1 : 0];
    }
}
