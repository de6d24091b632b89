package org.communitycarbon.ops.open311;

import java.util.List;
import java.util.Map;

import org.communitycarbon.ops.open311.Open311Reports.NewRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Hidden;

/**
 * The Open311 endpoints as a partner app calls them: with the standard's {@code api_key} (a query parameter, or a form
 * field of a filing) and no token. The key was checked by {@link PartnerKeyFilter} before the call got here; it decides
 * the community ({@code jurisdiction_id}, if given, must be the key's) and files requests without a household. Mapped
 * only for calls that carry an {@code api_key} and no {@code Authorization} header, so a token call always reaches
 * {@link Open311Controller} and its {@code @Allowed} rules. The operations are those of {@link Open311Controller}, which
 * documents them and their {@code api_key} in the OpenAPI description: hidden here.
 */
@Hidden
@RestController
@RequestMapping(path = "/api/ops/open311/v2", params = PartnerSecurityConfiguration.API_KEY, headers = "!Authorization")
class Open311PartnerController {

    private final Open311Controller open311;
    private final Open311Reports reports;

    Open311PartnerController(Open311Controller open311, Open311Reports reports) {
        this.open311 = open311;
        this.reports = reports;
    }

    @GetMapping(value = "/services.json", produces = MediaType.APPLICATION_JSON_VALUE)
    List<Map<String, Object>> services(@RequestParam(name = "jurisdiction_id", required = false) @Nullable String jurisdiction) {
        community(jurisdiction);
        return open311.services(jurisdiction);
    }

    @GetMapping(value = "/services.xml", produces = MediaType.APPLICATION_XML_VALUE)
    String servicesXml(@RequestParam(name = "jurisdiction_id", required = false) @Nullable String jurisdiction) {
        community(jurisdiction);
        return open311.servicesXml(jurisdiction);
    }

    @PostMapping(value = "/requests.json", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<List<Map<String, Object>>> file(
            @RequestParam(name = "service_code", required = false) @Nullable String serviceCode,
            @RequestParam(name = "lat", required = false) @Nullable String lat,
            @RequestParam(name = "long", required = false) @Nullable String lon,
            @RequestParam(name = "address_string", required = false) @Nullable String address,
            @RequestParam(name = "description", required = false) @Nullable String description,
            @RequestParam(name = "media_url", required = false) @Nullable String mediaUrl,
            @RequestParam(name = "jurisdiction_id", required = false) @Nullable String jurisdiction) {
        PartnerKeys.Partner partner = partner();
        NewRequest request = Open311Controller.newRequest(serviceCode, lat, lon, address, description, mediaUrl);
        if (jurisdiction != null && !jurisdiction.equals(partner.communityId())) {
            throw new Open311Exception(400, "jurisdiction_id: this api_key files in community " + partner.communityId() + " only");
        }
        return Open311Controller.filed(reports.file(partner, request), request.service());
    }

    @GetMapping(value = "/requests.json", produces = MediaType.APPLICATION_JSON_VALUE)
    List<Map<String, Object>> requests(@RequestParam(name = "jurisdiction_id", required = false) @Nullable String jurisdiction,
            @RequestParam(name = "service_request_id", required = false) @Nullable String ids,
            @RequestParam(name = "service_code", required = false) @Nullable String serviceCode,
            @RequestParam(name = "start_date", required = false) @Nullable String start,
            @RequestParam(name = "end_date", required = false) @Nullable String end,
            @RequestParam(name = "status", required = false) @Nullable String status) {
        return open311.requestsOf(community(jurisdiction), ids, serviceCode, start, end, status);
    }

    @GetMapping(value = "/requests.xml", produces = MediaType.APPLICATION_XML_VALUE)
    String requestsXml(@RequestParam(name = "jurisdiction_id", required = false) @Nullable String jurisdiction,
            @RequestParam(name = "service_request_id", required = false) @Nullable String ids,
            @RequestParam(name = "service_code", required = false) @Nullable String serviceCode,
            @RequestParam(name = "start_date", required = false) @Nullable String start,
            @RequestParam(name = "end_date", required = false) @Nullable String end,
            @RequestParam(name = "status", required = false) @Nullable String status) {
        return Open311Xml.document("service_requests", "request", requests(jurisdiction, ids, serviceCode, start, end, status));
    }

    @GetMapping(value = "/requests/{serviceRequestId}.json", produces = MediaType.APPLICATION_JSON_VALUE)
    List<Map<String, Object>> request(@PathVariable String serviceRequestId,
            @RequestParam(name = "jurisdiction_id", required = false) @Nullable String jurisdiction) {
        return open311.requestOf(community(jurisdiction), serviceRequestId);
    }

    @GetMapping(value = "/requests/{serviceRequestId}.xml", produces = MediaType.APPLICATION_XML_VALUE)
    String requestXml(@PathVariable String serviceRequestId,
            @RequestParam(name = "jurisdiction_id", required = false) @Nullable String jurisdiction) {
        return Open311Xml.document("service_requests", "request", request(serviceRequestId, jurisdiction));
    }

    @GetMapping(value = "/servicerequestupdates.json", produces = MediaType.APPLICATION_JSON_VALUE)
    List<Map<String, Object>> updates(@RequestParam(name = "jurisdiction_id", required = false) @Nullable String jurisdiction,
            @RequestParam(name = "start_date", required = false) @Nullable String start,
            @RequestParam(name = "end_date", required = false) @Nullable String end) {
        return open311.updatesOf(community(jurisdiction), start, end);
    }

    @GetMapping(value = "/servicerequestupdates.xml", produces = MediaType.APPLICATION_XML_VALUE)
    String updatesXml(@RequestParam(name = "jurisdiction_id", required = false) @Nullable String jurisdiction,
            @RequestParam(name = "start_date", required = false) @Nullable String start,
            @RequestParam(name = "end_date", required = false) @Nullable String end) {
        return Open311Xml.document("service_request_updates", "request_update", updates(jurisdiction, start, end));
    }

    /** The partner the key signed in: only {@link PartnerKeyFilter} puts one there. */
    private static PartnerKeys.Partner partner() {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof PartnerAuthentication authentication) {
            return authentication.partner();
        }
        throw new AuthenticationCredentialsNotFoundException("A bearer token or a valid api_key is required");
    }

    /** The key's community; a {@code jurisdiction_id} naming another is outside the key's scope. */
    private static String community(@Nullable String jurisdiction) {
        PartnerKeys.Partner partner = partner();
        if (jurisdiction != null && !jurisdiction.equals(partner.communityId())) {
            throw new AccessDeniedException("Jurisdiction " + jurisdiction + " is outside this api_key's community");
        }
        return partner.communityId();
    }
}
