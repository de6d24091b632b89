package org.communitycarbon.credits.redemption;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;

import org.communitycarbon.credits.earning.EarningRuleBook;
import org.communitycarbon.model.security.Role;
import org.communitycarbon.support.security.Allowed;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Pattern;

/**
 * The property-fee deductions of a month as CSV (RFC 4180) for the property company's billing: every redemption of a
 * {@code PROPERTY_FEE} item in the month (in the community's time zone), with its reversal if it was reversed.
 */
@RestController
@RequestMapping("/api/credits/communities/{communityId}")
class PropertyFeeExport {

    static final String HEADER = "redemption_id,household_id,item_id,item_name_zh,item_name_en,quantity,credits,redeemed_at,reversed_at\r\n";

    private final JdbcClient jdbc;
    private final EarningRuleBook rules;

    PropertyFeeExport(JdbcClient jdbc, EarningRuleBook rules) {
        this.jdbc = jdbc;
        this.rules = rules;
    }

    @GetMapping(value = "/property-fee-deductions/{month}", produces = "text/csv")
    @Operation(summary = "The property-fee deductions of a month, as CSV for billing",
            description = "The community's property manager and admins. One line per redemption of a PROPERTY_FEE item "
                    + "redeemed in the month (the community's time zone), oldest first; a reversed one has reversed_at and "
                    + "is not to be billed as a deduction.")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = "text/csv", examples = @ExampleObject("""
            redemption_id,household_id,item_id,item_name_zh,item_name_en,quantity,credits,redeemed_at,reversed_at\r
            0b6f9f5e-6a0e-4f4b-9d0c-1f2e3d4c5b6a,b01-0101,6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f,物业费抵扣 10 元,"Property fee, 10 yuan",1,1000,2026-12-02T02:15:00.123456Z,\r
            """)))
    @Allowed(value = {Role.PROPERTY_MANAGER, Role.ADMIN}, community = "communityId")
    @Transactional(readOnly = true)
    ResponseEntity<String> export(@PathVariable String communityId,
            @Parameter(example = "2026-12") @PathVariable @Pattern(regexp = "(19|20|21)[0-9]{2}-(0[1-9]|1[0-2])") String month) {
        YearMonth period = YearMonth.parse(month);
        ZoneId zone = rules.zoneNow(communityId);
        Instant from = period.atDay(1).atStartOfDay(zone).toInstant();
        Instant until = period.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        StringBuilder csv = new StringBuilder(HEADER);
        jdbc.sql("""
                SELECT r.id, r.household_id, r.item_id, i.name_zh, i.name_en, r.quantity, r.credits, r.redeemed_at, v.reversed_at
                FROM redemption r JOIN catalogue_item i ON i.id = r.item_id LEFT JOIN redemption_reversal v ON v.redemption_id = r.id
                WHERE r.community_id = ? AND i.kind = 'PROPERTY_FEE' AND r.redeemed_at >= ? AND r.redeemed_at < ?
                ORDER BY r.redeemed_at, r.id""")
                .params(communityId, Timestamp.from(from), Timestamp.from(until))
                .query(rs -> {
                    Timestamp reversed = rs.getTimestamp(9);
                    csv.append(rs.getString(1)).append(',').append(field(rs.getString(2))).append(',').append(rs.getString(3)).append(',')
                            .append(field(rs.getString(4))).append(',').append(field(rs.getString(5))).append(',').append(rs.getInt(6))
                            .append(',').append(rs.getLong(7)).append(',').append(rs.getTimestamp(8).toInstant()).append(',')
                            .append(reversed == null ? "" : reversed.toInstant().toString()).append("\r\n");
                });
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"property-fee-deductions-" + communityId + "-" + month + ".csv\"")
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .body(csv.toString());
    }

    /**
     * A CSV field: quoted, with quotes doubled, when it holds a comma, a quote or a line break (RFC 4180); a text a
     * spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage return — a catalogue item's name
     * is typed by people) gets a leading apostrophe, so the billing office's spreadsheet shows it as text (OWASP, CSV
     * injection).
     */
    static String field(String value) {
        String text = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
