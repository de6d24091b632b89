package org.communitycarbon.ops.open311;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.communitycarbon.model.security.Role;
import org.communitycarbon.ops.open311.Open311Reports.NewRequest;
import org.communitycarbon.support.security.Allowed;
import org.communitycarbon.support.security.Caller;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;

/**
 * Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2) for residents' reports, mounted at
 * {@code /api/ops/open311/v2} behind the gateway; a deployment maps the standard's {@code /open311/v2} to it
 * (docs/open311.md). Every call carries a token: a resident files requests for their own household and community; the
 * people of a community (its residents, property team, residents' committee, street office) follow its requests. A
 * partner app calls with an {@code api_key} instead ({@link Open311PartnerController}). Errors
 * are the standard's ({@link Open311Errors}). Fields a client may send about the reporter (name, e-mail, phone, device)
 * are not kept: the token says who reports.
 */
@RestController
@RequestMapping("/api/ops/open311/v2")
class Open311Controller {

    private static final BigDecimal MAX_LAT = BigDecimal.valueOf(90);
    private static final BigDecimal MAX_LONG = BigDecimal.valueOf(180);
    private static final int MAX_IDS = 50;
    static final Duration MAX_SPAN = Duration.ofDays(31);
    static final String API_KEY_DESCRIPTION = "a partner app's key instead of a bearer token (docs/open311.md, partner apps): "
            + "the key's community is the jurisdiction; on a filing, a form field";

    private final Open311Reports reports;
    private final Clock clock;

    Open311Controller(Open311Reports reports, Clock clock) {
        this.reports = reports;
        this.clock = clock;
    }

    @GetMapping(value = "/services.json", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Open311: the services residents report on (service_code, service_name, description, group, keywords)")
    @Parameter(name = "api_key", in = ParameterIn.QUERY, description = API_KEY_DESCRIPTION)
    @Allowed({Role.RESIDENT, Role.PROPERTY_MANAGER, Role.STAFF, Role.RESIDENTS_COMMITTEE, Role.STREET_OFFICE, Role.ADMIN})
    List<Map<String, Object>> services(@Parameter(description = "ignored: the services are the same in every community")
            @RequestParam(name = "jurisdiction_id", required = false) @Nullable String jurisdiction) {
        return Arrays.stream(Open311Service.values()).map(Open311Controller::service).toList();
    }

    @GetMapping(value = "/services.xml", produces = MediaType.APPLICATION_XML_VALUE)
    @Operation(summary = "Open311: the services residents report on, as XML")
    @Parameter(name = "api_key", in = ParameterIn.QUERY, description = API_KEY_DESCRIPTION)
    @Allowed({Role.RESIDENT, Role.PROPERTY_MANAGER, Role.STAFF, Role.RESIDENTS_COMMITTEE, Role.STREET_OFFICE, Role.ADMIN})
    String servicesXml(@RequestParam(name = "jurisdiction_id", required = false) @Nullable String jurisdiction) {
        return Open311Xml.document("services", "service", services(jurisdiction));
    }

    @PostMapping(value = "/requests.json", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Open311: a resident files a service request (form-encoded: service_code, lat and long or "
            + "address_string, description ≤ 4000, media_url); it becomes a RESIDENT_REPORT work order with a deadline. A partner "
            + "app files with its api_key form field instead of a token, in the key's community")
    @Allowed(Role.RESIDENT)
    ResponseEntity<List<Map<String, Object>>> file(Caller caller,
            @RequestParam(name = "service_code", required = false) @Nullable String serviceCode,
            @RequestParam(name = "lat", required = false) @Nullable String lat,
            @RequestParam(name = "long", required = false) @Nullable String lon,
            @RequestParam(name = "address_string", required = false) @Nullable String address,
            @RequestParam(name = "description", required = false) @Nullable String description,
            @RequestParam(name = "media_url", required = false) @Nullable String mediaUrl,
            @Parameter(description = "the resident's community, if given: the token's is the only one accepted")
            @RequestParam(name = "jurisdiction_id", required = false) @Nullable String jurisdiction) {
        NewRequest request = newRequest(serviceCode, lat, lon, address, description, mediaUrl);
        if (jurisdiction != null && !jurisdiction.equals(caller.communityId())) {
            throw new Open311Exception(400, "jurisdiction_id: a resident reports in their own community only");
        }
        return filed(reports.file(caller, request), request.service());
    }

    /** A request's fields checked as the standard and docs/open311.md say, each refusal naming its parameter. */
    static NewRequest newRequest(@Nullable String serviceCode, @Nullable String lat, @Nullable String lon,
            @Nullable String address, @Nullable String description, @Nullable String mediaUrl) {
        if (serviceCode == null || serviceCode.isBlank()) {
            throw new Open311Exception(400, "service_code: is required");
        }
        Open311Service service = Open311Service.of(serviceCode.strip())
                .orElseThrow(() -> new Open311Exception(404, "service_code: no service " + abbreviate(serviceCode)));
        BigDecimal latitude = coordinate(lat, "lat", MAX_LAT);
        BigDecimal longitude = coordinate(lon, "long", MAX_LONG);
        if ((latitude == null) != (longitude == null)) {
            throw new Open311Exception(400, (latitude == null ? "lat" : "long") + ": lat and long go together");
        }
        String place = text(address, "address_string", Open311Reports.MAX_ADDRESS);
        if (latitude == null && place == null) {
            throw new Open311Exception(400, "lat: a location is required: lat and long, or address_string");
        }
        return new NewRequest(service, text(description, "description", Open311Reports.MAX_DESCRIPTION), latitude, longitude,
                place, mediaUrl(mediaUrl));
    }

    /** The standard's answer to a filing: 201 and the new request's id. */
    static ResponseEntity<List<Map<String, Object>>> filed(UUID id, Open311Service service) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("service_request_id", id.toString());
        answer.put("service_notice", "The property company handles it within " + service.handleWithin.toHours() + " hours");
        answer.put("account_id", null);
        return ResponseEntity.status(201).body(List.of(answer));
    }

    @GetMapping(value = "/requests.json", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Open311: a community's service requests, newest first (at most 200), by ids, service, date range "
            + "and status, each with its status notes, expected_datetime (the deadline of the level handling it) and agency")
    @Parameter(name = "api_key", in = ParameterIn.QUERY, description = API_KEY_DESCRIPTION)
    @Allowed({Role.RESIDENT, Role.PROPERTY_MANAGER, Role.STAFF, Role.RESIDENTS_COMMITTEE, Role.STREET_OFFICE, Role.ADMIN})
    List<Map<String, Object>> requests(Caller caller,
            @Parameter(description = "the community; by default the caller's (a street office or admin names it)")
            @RequestParam(name = "jurisdiction_id", required = false) @Nullable String jurisdiction,
            @Parameter(description = "comma-separated ids, at most 50; the other filters are then ignored")
            @RequestParam(name = "service_request_id", required = false) @Nullable String ids,
            @RequestParam(name = "service_code", required = false) @Nullable String serviceCode,
            @RequestParam(name = "start_date", required = false) @Nullable String start,
            @RequestParam(name = "end_date", required = false) @Nullable String end,
            @Parameter(description = "open or closed") @RequestParam(name = "status", required = false) @Nullable String status) {
        return requestsOf(reports.jurisdiction(caller, jurisdiction), ids, serviceCode, start, end, status);
    }

    /** The community's requests, as {@code GET requests.json} filters them. */
    List<Map<String, Object>> requestsOf(String community, @Nullable String ids, @Nullable String serviceCode,
            @Nullable String start, @Nullable String end, @Nullable String status) {
        if (ids != null) {
            return reports.list(community, ids(ids), null, null, null, null);
        }
        Open311Service service = serviceCode == null ? null : Open311Service.of(serviceCode)
                .orElseThrow(() -> new Open311Exception(404, "service_code: no service " + abbreviate(serviceCode)));
        if (status != null && !status.equals("open") && !status.equals("closed")) {
            throw new Open311Exception(400, "status: is open or closed");
        }
        return reports.list(community, null, service, instant(start, "start_date"), instant(end, "end_date"), status);
    }

    @GetMapping(value = "/requests.xml", produces = MediaType.APPLICATION_XML_VALUE)
    @Operation(summary = "Open311: a community's service requests, as XML")
    @Parameter(name = "api_key", in = ParameterIn.QUERY, description = API_KEY_DESCRIPTION)
    @Allowed({Role.RESIDENT, Role.PROPERTY_MANAGER, Role.STAFF, Role.RESIDENTS_COMMITTEE, Role.STREET_OFFICE, Role.ADMIN})
    String requestsXml(Caller caller,
            @RequestParam(name = "jurisdiction_id", required = false) @Nullable String jurisdiction,
            @RequestParam(name = "service_request_id", required = false) @Nullable String ids,
            @RequestParam(name = "service_code", required = false) @Nullable String serviceCode,
            @RequestParam(name = "start_date", required = false) @Nullable String start,
            @RequestParam(name = "end_date", required = false) @Nullable String end,
            @RequestParam(name = "status", required = false) @Nullable String status) {
        return Open311Xml.document("service_requests", "request",
                requests(caller, jurisdiction, ids, serviceCode, start, end, status));
    }

    @GetMapping(value = "/requests/{serviceRequestId}.json", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Open311: one service request, as a list of one: status, status notes, expected_datetime, agency")
    @Parameter(name = "api_key", in = ParameterIn.QUERY, description = API_KEY_DESCRIPTION)
    @Allowed({Role.RESIDENT, Role.PROPERTY_MANAGER, Role.STAFF, Role.RESIDENTS_COMMITTEE, Role.STREET_OFFICE, Role.ADMIN})
    List<Map<String, Object>> request(Caller caller, @PathVariable String serviceRequestId,
            @RequestParam(name = "jurisdiction_id", required = false) @Nullable String jurisdiction) {
        return requestOf(reports.jurisdiction(caller, jurisdiction), serviceRequestId);
    }

    /** One request of the community, as a list of one; 404 when the community has no such request. */
    List<Map<String, Object>> requestOf(String community, String serviceRequestId) {
        List<Map<String, Object>> found = reports.list(community, ids(serviceRequestId), null, null, null, null);
        if (found.isEmpty()) {
            throw new Open311Exception(404, "service_request_id: no request " + abbreviate(serviceRequestId)
                    + " in jurisdiction " + community);
        }
        return found;
    }

    @GetMapping(value = "/requests/{serviceRequestId}.xml", produces = MediaType.APPLICATION_XML_VALUE)
    @Operation(summary = "Open311: one service request, as XML")
    @Parameter(name = "api_key", in = ParameterIn.QUERY, description = API_KEY_DESCRIPTION)
    @Allowed({Role.RESIDENT, Role.PROPERTY_MANAGER, Role.STAFF, Role.RESIDENTS_COMMITTEE, Role.STREET_OFFICE, Role.ADMIN})
    String requestXml(Caller caller, @PathVariable String serviceRequestId,
            @RequestParam(name = "jurisdiction_id", required = false) @Nullable String jurisdiction) {
        return Open311Xml.document("service_requests", "request", request(caller, serviceRequestId, jurisdiction));
    }

    @GetMapping(value = "/servicerequestupdates.json", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Open311 request-updates extension: what happened to the community's requests between start_date "
            + "and end_date (by default the last 24 hours; at most 31 days), oldest first, at most 1000: each filing and each "
            + "entry of the work order's trail (assignment, escalation with its new deadline, note, resolution, closing, "
            + "reopening, the reporter's evaluation), with update_id, service_request_id, status, updated_datetime, description")
    @Parameter(name = "api_key", in = ParameterIn.QUERY, description = API_KEY_DESCRIPTION)
    @Allowed({Role.RESIDENT, Role.PROPERTY_MANAGER, Role.STAFF, Role.RESIDENTS_COMMITTEE, Role.STREET_OFFICE, Role.ADMIN})
    List<Map<String, Object>> updates(Caller caller,
            @RequestParam(name = "jurisdiction_id", required = false) @Nullable String jurisdiction,
            @Parameter(description = "w3 date-time, inclusive") @RequestParam(name = "start_date", required = false) @Nullable String start,
            @Parameter(description = "w3 date-time, exclusive; by default now") @RequestParam(name = "end_date", required = false) @Nullable String end) {
        return updatesOf(reports.jurisdiction(caller, jurisdiction), start, end);
    }

    @GetMapping(value = "/servicerequestupdates.xml", produces = MediaType.APPLICATION_XML_VALUE)
    @Operation(summary = "Open311 request-updates extension, as XML")
    @Parameter(name = "api_key", in = ParameterIn.QUERY, description = API_KEY_DESCRIPTION)
    @Allowed({Role.RESIDENT, Role.PROPERTY_MANAGER, Role.STAFF, Role.RESIDENTS_COMMITTEE, Role.STREET_OFFICE, Role.ADMIN})
    String updatesXml(Caller caller, @RequestParam(name = "jurisdiction_id", required = false) @Nullable String jurisdiction,
            @RequestParam(name = "start_date", required = false) @Nullable String start,
            @RequestParam(name = "end_date", required = false) @Nullable String end) {
        return Open311Xml.document("service_request_updates", "request_update", updates(caller, jurisdiction, start, end));
    }

    /** The community's updates between the dates given, by default the last day; a span of at most {@link #MAX_SPAN}. */
    List<Map<String, Object>> updatesOf(String community, @Nullable String start, @Nullable String end) {
        Instant to = instant(end, "end_date");
        Instant until = to == null ? clock.instant() : to;
        Instant from = instant(start, "start_date");
        Instant since = from == null ? until.minus(Duration.ofDays(1)) : from;
        if (!since.isBefore(until)) {
            throw new Open311Exception(400, "start_date: must be before end_date");
        }
        if (Duration.between(since, until).compareTo(MAX_SPAN) > 0) {
            throw new Open311Exception(400, "start_date: at most " + MAX_SPAN.toDays() + " days before end_date");
        }
        return reports.updates(community, since, until);
    }

    private static Map<String, Object> service(Open311Service service) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("service_code", service.code);
        fields.put("service_name", service.serviceName);
        fields.put("description", service.description);
        fields.put("metadata", false);
        fields.put("type", "realtime");
        fields.put("keywords", String.join(",", service.keywords));
        fields.put("group", service.group);
        return fields;
    }

    private static List<UUID> ids(String ids) {
        String[] parts = ids.split(",", MAX_IDS + 1);
        if (parts.length > MAX_IDS) {
            throw new Open311Exception(400, "service_request_id: at most " + MAX_IDS + " ids");
        }
        List<UUID> parsed = new ArrayList<>();
        for (String part : parts) {
            try {
                parsed.add(UUID.fromString(part.strip()));
            }
            catch (IllegalArgumentException e) {
                throw new Open311Exception(404, "service_request_id: no request " + abbreviate(part));
            }
        }
        return parsed;
    }

    /** A coordinate within ±{@code max}, rounded to 6 decimals (about 0.1 m); its text bounded before it is parsed. */
    private static @Nullable BigDecimal coordinate(@Nullable String text, String field, BigDecimal max) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.length() > 20) {
            throw new Open311Exception(400, field + ": is a decimal number of at most 20 characters");
        }
        BigDecimal value;
        try {
            value = new BigDecimal(text.strip());
        }
        catch (NumberFormatException e) {
            throw new Open311Exception(400, field + ": is not a number");
        }
        if (value.abs().compareTo(max) > 0) {
            throw new Open311Exception(400, field + ": must be between -" + max + " and " + max);
        }
        return value.setScale(6, RoundingMode.HALF_UP);
    }

    private static @Nullable String text(@Nullable String text, String field, int max) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String stripped = text.strip();
        if (stripped.length() > max) {
            throw new Open311Exception(400, field + ": is at most " + max + " characters");
        }
        return stripped;
    }

    private static @Nullable String mediaUrl(@Nullable String text) {
        String url = text(text, "media_url", Open311Reports.MAX_MEDIA_URL);
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url);
            if (!("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme())) || uri.getHost() == null) {
                throw new Open311Exception(400, "media_url: is an http or https URL");
            }
        }
        catch (URISyntaxException e) {
            throw new Open311Exception(400, "media_url: is an http or https URL");
        }
        return url;
    }

    private static @Nullable Instant instant(@Nullable String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.length() > 40) {
            throw new Open311Exception(400, field + ": is a w3 date-time (ISO 8601 with an offset)");
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        }
        catch (DateTimeParseException e) {
            throw new Open311Exception(400, field + ": is a w3 date-time (ISO 8601 with an offset)");
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 63) + "…";
    }
}
