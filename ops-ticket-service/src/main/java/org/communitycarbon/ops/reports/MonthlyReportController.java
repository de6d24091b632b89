package org.communitycarbon.ops.reports;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.security.Role;
import org.communitycarbon.support.security.Allowed;
import org.communitycarbon.support.security.Caller;
import org.communitycarbon.support.web.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Monthly reports for the street office, the residents' committee and the property manager: the communities in the
 * caller's scope, their total and ranking, as JSON, CSV or XLSX; and the reports kept once a month was over.
 * Aggregates only: no household is named or counted alone.
 */
@RestController
@RequestMapping("/api/ops/reports/monthly")
@Tag(name = "Monthly reports", description = "Monthly indicators of communities and streets, with CSV and XLSX downloads")
class MonthlyReportController {

    private static final int MAX_COMMUNITIES = 200;

    private final ReceivedFigures received;
    private final KeptReports kept;
    private final JsonMapper snapshots;
    private final Clock clock;

    MonthlyReportController(ReceivedFigures received, KeptReports kept, JsonMapper json, Clock clock) {
        this.received = received;
        this.kept = kept;
        this.snapshots = json.rebuild().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        this.clock = clock;
    }

    @GetMapping
    @Allowed({Role.STREET_OFFICE, Role.RESIDENTS_COMMITTEE, Role.PROPERTY_MANAGER, Role.STAFF, Role.ADMIN})
    @Operation(summary = "A month's report of the communities in the caller's scope: each community's indicators, their total "
            + "(counts summed, rates composed from the sums), a ranking per indicator, and which revision of each source it "
            + "is composed from (a source not published is MISSING, never 0). A street office gets its communities, a "
            + "property manager, staff or residents' committee their own, an admin every community (or those asked). "
            + "As JSON, CSV or XLSX (format, or Accept), headers in Chinese or English (lang, or Accept-Language)",
            responses = @ApiResponse(responseCode = "200", description = "the report", content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = MonthlyReport.class)),
                    @Content(mediaType = "text/csv"),
                    @Content(mediaType = ReportExports.XLSX)}))
    ResponseEntity<?> monthly(Caller caller,
            @Parameter(description = "the calendar month, 2026-11; cut in each community's time zone")
            @RequestParam(required = false) @Nullable String month,
            @Parameter(description = "communities to report, each in the caller's scope (403 otherwise); all in scope by default")
            @RequestParam(name = "communityId", required = false) @Nullable List<String> communityIds,
            @Parameter(description = "json (default), csv or xlsx; without it, an Accept of text/csv or the XLSX type chooses")
            @RequestParam(required = false) @Nullable String format,
            @Parameter(description = "the downloads' headers: zh-CN (default) or en; without it, Accept-Language chooses")
            @RequestParam(required = false) @Nullable String lang,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) @Nullable String acceptLanguage) {
        List<String> communities = scope(caller, communityIds == null ? List.of() : communityIds);
        YearMonth yearMonth = month(month);
        String chosenFormat = format(format, accept);
        String language = language(lang, acceptLanguage);
        Map<String, ReceivedFigures.Community> known = received.communities();
        Map<String, String> streets = new HashMap<>();
        known.values().forEach(c -> {
            if (c.streetId() != null) {
                streets.put(c.id(), c.streetId());
            }
        });
        MonthlyReport report = ReportComposer.compose(yearMonth, received.of(communities, yearMonth),
                received.of(communities, yearMonth.minusMonths(1)), streets, clock.instant(), "COMMUNITIES", null, 0);
        return answer(report, chosenFormat, language, "monthly-report-" + yearMonth);
    }

    @GetMapping("/archive")
    @Allowed({Role.STREET_OFFICE, Role.RESIDENTS_COMMITTEE, Role.PROPERTY_MANAGER, Role.STAFF, Role.ADMIN})
    @Operation(summary = "The monthly reports kept once a month was over, of the communities in the caller's scope and of a "
            + "street office's street: newest month first, every revision (a source's late correction keeps a new one)")
    List<KeptReports.KeptReport> archive(Caller caller,
            @Parameter(description = "only this month, 2026-11") @RequestParam(required = false) @Nullable String month) {
        YearMonth only = month == null ? null : month(month);
        if (caller.has(Role.ADMIN)) {
            return kept.list(null, null, only);
        }
        return kept.list(allowed(caller), caller.has(Role.STREET_OFFICE) ? caller.streetId() : null, only);
    }

    @GetMapping("/archive/{reportId}")
    @Allowed({Role.STREET_OFFICE, Role.RESIDENTS_COMMITTEE, Role.PROPERTY_MANAGER, Role.STAFF, Role.ADMIN})
    @Operation(summary = "A kept monthly report as it was kept, as JSON, CSV or XLSX",
            responses = @ApiResponse(responseCode = "200", description = "the report as kept", content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = MonthlyReport.class)),
                    @Content(mediaType = "text/csv"),
                    @Content(mediaType = ReportExports.XLSX)}))
    ResponseEntity<?> keptReport(Caller caller, @PathVariable String reportId,
            @Parameter(description = "json (default), csv or xlsx") @RequestParam(required = false) @Nullable String format,
            @Parameter(description = "zh-CN (default) or en") @RequestParam(required = false) @Nullable String lang,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) @Nullable String acceptLanguage) {
        String chosenFormat = format(format, accept);
        String language = language(lang, acceptLanguage);
        UUID id;
        try {
            id = UUID.fromString(reportId);
        }
        catch (IllegalArgumentException e) {
            throw new NotFoundException("No kept report " + Require.abbreviate(reportId, 40));
        }
        KeptReports.Snapshot snapshot = kept.find(id)
                .filter(s -> visible(caller, s.report()))
                .orElseThrow(() -> new NotFoundException("No kept report " + id + " in your scope"));
        KeptReports.KeptReport report = snapshot.report();
        String name = "monthly-report-" + report.scope().toLowerCase(Locale.ROOT) + "-" + report.scopeId() + "-" + report.month()
                + "-r" + report.revision();
        if (chosenFormat.equals("json")) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(snapshot.json());
        }
        return answer(snapshots.readValue(snapshot.json(), MonthlyReport.class), chosenFormat, language, name);
    }

    private static ResponseEntity<?> answer(MonthlyReport report, String format, String language, String name) {
        return switch (format) {
            case "csv" -> download(ReportExports.csv(report, language), new MediaType("text", "csv", StandardCharsets.UTF_8),
                    name + ".csv");
            case "xlsx" -> download(ReportExports.xlsx(report, language), MediaType.parseMediaType(ReportExports.XLSX),
                    name + ".xlsx");
            default -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(report);
        };
    }

    private static ResponseEntity<byte[]> download(byte[] body, MediaType type, String fileName) {
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(fileName).build().toString())
                .body(body);
    }

    /** The communities reported: those asked, each in the caller's scope, or every one in it. */
    private List<String> scope(Caller caller, List<String> asked) {
        if (asked.size() > MAX_COMMUNITIES) {
            throw new ContractViolation("communityId", "at most " + MAX_COMMUNITIES + " communities, was " + asked.size());
        }
        for (String community : asked) {
            Require.identifier(community, "communityId");
        }
        @Nullable Set<String> allowed = caller.has(Role.ADMIN) ? null : allowed(caller);
        if (asked.isEmpty()) {
            return allowed == null ? new ArrayList<>(received.communities().keySet()) : new ArrayList<>(new TreeSet<>(allowed));
        }
        for (String community : asked) {
            if (allowed != null && !allowed.contains(community)) {
                throw new AccessDeniedException("Community " + community + " is outside your scope");
            }
        }
        return new ArrayList<>(new LinkedHashSet<>(asked));
    }

    /** The communities a caller other than an admin may report on. */
    private static Set<String> allowed(Caller caller) {
        Set<String> allowed = new TreeSet<>();
        if (caller.has(Role.STREET_OFFICE)) {
            allowed.addAll(caller.communityIds());
        }
        if ((caller.has(Role.PROPERTY_MANAGER) || caller.has(Role.STAFF) || caller.has(Role.RESIDENTS_COMMITTEE))
                && caller.communityId() != null) {
            allowed.add(caller.communityId());
        }
        return allowed;
    }

    private static boolean visible(Caller caller, KeptReports.KeptReport report) {
        if (caller.has(Role.ADMIN)) {
            return true;
        }
        if (report.scope().equals(KeptReports.STREET)) {
            return caller.has(Role.STREET_OFFICE) && report.scopeId().equals(caller.streetId());
        }
        return allowed(caller).containsAll(report.communityIds());
    }

    static YearMonth month(@Nullable String month) {
        if (month == null || month.isBlank()) {
            throw new ContractViolation("month", "is required: a month like 2026-11");
        }
        try {
            if (month.length() != 7) {
                throw new DateTimeParseException("not yyyy-MM", month, 0);
            }
            YearMonth parsed = YearMonth.parse(month);
            if (parsed.getYear() < 2000 || parsed.getYear() > 2999) {
                throw new ContractViolation("month", "must be between 2000-01 and 2999-12, was " + month);
            }
            return parsed;
        }
        catch (DateTimeParseException e) {
            throw new ContractViolation("month", "must be a month like 2026-11, was " + Require.abbreviate(month, 20));
        }
    }

    static String format(@Nullable String format, @Nullable String accept) {
        if (format != null) {
            String chosen = format.toLowerCase(Locale.ROOT);
            if (!List.of("json", "csv", "xlsx").contains(chosen)) {
                throw new ContractViolation("format", "must be json, csv or xlsx, was " + Require.abbreviate(format, 20));
            }
            return chosen;
        }
        if (accept != null) {
            try {
                for (MediaType type : MediaType.parseMediaTypes(accept)) {
                    if (type.isWildcardType() || type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
                        return "json";
                    }
                    if (type.getType().equals("text") && type.getSubtype().equals("csv")) {
                        return "csv";
                    }
                    if (type.isCompatibleWith(MediaType.parseMediaType(ReportExports.XLSX))) {
                        return "xlsx";
                    }
                }
            }
            catch (RuntimeException e) {
                // an unreadable Accept chooses nothing
            }
        }
        return "json";
    }

    static String language(@Nullable String lang, @Nullable String acceptLanguage) {
        if (lang != null) {
            String chosen = lang.toLowerCase(Locale.ROOT);
            if (chosen.equals("zh-cn") || chosen.equals("zh")) {
                return "zh";
            }
            if (chosen.equals("en") || chosen.startsWith("en-")) {
                return "en";
            }
            throw new ContractViolation("lang", "must be zh-CN or en, was " + Require.abbreviate(lang, 20));
        }
        if (acceptLanguage != null) {
            try {
                for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                    String tag = range.getRange().toLowerCase(Locale.ROOT);
                    if (tag.startsWith("zh")) {
                        return "zh";
                    }
                    if (tag.startsWith("en")) {
                        return "en";
                    }
                }
            }
            catch (IllegalArgumentException e) {
                // an unreadable Accept-Language chooses nothing
            }
        }
        return "zh";
    }
}
