package org.communitycarbon.accounting.reduction;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.security.Role;
import org.communitycarbon.support.audit.AuditedRead;
import org.communitycarbon.support.security.Allowed;
import org.communitycarbon.support.security.Caller;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A community's recorded reductions as CSV for a city carbon-inclusion platform (format in docs/accounting.md):
 * one row per reduction, with the evidence event, and the methodology, version and published factor that priced
 * it. For the community's property manager and admins; the rows name households, so the read is audited.
 */
@RestController
@RequestMapping("/api/accounting")
class ReductionExportController {

    static final String[] COLUMNS = {"reduction_id", "community_id", "household_id", "behaviour", "activity", "activity_unit",
            "reduction_kg_co2e", "methodology", "methodology_version", "factor_id", "factor_value", "factor_per_quantity",
            "factor_per_unit", "factor_gas", "factor_source", "factor_source_year", "occurred_at", "recorded_at",
            "evidence_event_id"};
    static final Duration LONGEST = Duration.ofDays(366);

    private final JdbcTemplate jdbc;
    private final Clock clock;

    ReductionExportController(DataSource dataSource, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(1000); // streamed from a cursor inside the read-only transaction
        this.clock = clock;
    }

    @Operation(summary = "The community's reductions in (from, to] as CSV, each with its evidence and the factor version "
            + "that priced it (its property manager, admins); by default the last 30 days, at most 366")
    @AuditedRead
    @Allowed(value = {Role.ADMIN, Role.PROPERTY_MANAGER}, community = "communityId")
    @GetMapping(value = "/communities/{communityId}/reductions/export", produces = "text/csv")
    @Transactional(readOnly = true)
    void export(Caller caller, @PathVariable String communityId, @RequestParam(required = false) @Nullable Instant from,
            @RequestParam(required = false) @Nullable Instant to, HttpServletResponse response) throws IOException {
        Instant end = to == null ? clock.instant() : to;
        Instant start = from == null ? end.minus(Duration.ofDays(30)) : from;
        if (!start.isBefore(end)) {
            throw new ContractViolation("from", "must be before to");
        }
        if (Duration.between(start, end).compareTo(LONGEST) > 0) {
            throw new ContractViolation("from", "the period may be at most 366 days");
        }
        response.setContentType("text/csv;charset=UTF-8");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + communityId + "-reductions.csv\"");
        try (CSVPrinter csv = CSVFormat.RFC4180.builder().setHeader(COLUMNS).get().print(response.getWriter())) {
            jdbc.query("""
                    SELECT r.id, r.community_id, r.household_id, r.behaviour, r.activity_value, r.activity_unit, r.reduction_kg_co2e,
                           v.methodology_id, v.version, f.id, f.value, f.per_quantity, f.per_unit, f.gas,
                           f.source_document || ' — ' || f.source_table, f.source_year, r.occurred_at, r.recorded_at, r.source_event_id
                    FROM carbon_reduction r
                    JOIN methodology_factor f ON f.id = r.factor_id
                    JOIN methodology_version v ON v.id = f.version_id
                    WHERE r.community_id = ? AND r.occurred_at > ? AND r.occurred_at <= ?
                    ORDER BY r.occurred_at, r.id""",
                    rs -> {
                        try {
                            csv.printRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                    rs.getBigDecimal(5).stripTrailingZeros().toPlainString(), rs.getString(6),
                                    rs.getBigDecimal(7).setScale(3, java.math.RoundingMode.HALF_UP).toPlainString(), rs.getString(8),
                                    rs.getInt(9), rs.getLong(10), rs.getBigDecimal(11).stripTrailingZeros().toPlainString(),
                                    rs.getBigDecimal(12).stripTrailingZeros().toPlainString(), rs.getString(13), rs.getString(14),
                                    rs.getString(15), rs.getObject(16), rs.getTimestamp(17).toInstant(), rs.getTimestamp(18).toInstant(),
                                    rs.getString(19));
                        }
                        catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    },
                    communityId, Timestamp.from(start), Timestamp.from(end));
        }
    }
}
