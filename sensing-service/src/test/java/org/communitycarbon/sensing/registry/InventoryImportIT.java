package org.communitycarbon.sensing.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.communitycarbon.sensing.registry.RegistryTestSupport.get;
import static org.communitycarbon.sensing.registry.RegistryTestSupport.newCommunity;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.communitycarbon.sensing.SensingServiceTest;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.beans.factory.annotation.Autowired;

@SensingServiceTest
class InventoryImportIT {

    private static final String HEADER = String.join(",", InventoryCsv.COLUMNS) + "\n";

    @Autowired
    MockMvcTester mvc;

    private String community;
    private String manager;

    @BeforeEach
    void registerACommunity() {
        community = newCommunity(mvc);
        manager = TestTokens.bearer(TestTokens.propertyManager(community));
    }

    @Test
    void appliesNothingFromAFileWithBadLinesAndReportsEachOfThem() {
        List<String> lines = inventory(2000);
        lines.set(1011, lines.get(1011).replace(",electricity-meter,", ",electric-meter,"));
        lines.set(1500, lines.get(1500).replace(",2026-01-05,", ",2026-02-30,"));
        lines.set(3000, lines.get(3000).replace(",household,h", ",household,missing-h"));

        assertThat(importCsv(String.join("\n", lines))).hasStatus(HttpStatus.BAD_REQUEST)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON).bodyJson()
                .hasPathSatisfying("$.errorCount", v -> v.assertThat().isEqualTo(3))
                .hasPathSatisfying("$.errors[*].line", v -> v.assertThat().asArray().containsExactly(1012, 1501, 3001))
                .hasPathSatisfying("$.errors[*].column", v -> v.assertThat().asArray().containsExactly("device_type", "installed", "bound_id"))
                .hasPathSatisfying("$.errors[1].reason", v -> v.assertThat().isEqualTo("must be a date such as 2026-11-22, was '2026-02-30'"));
        assertThat(get(mvc, base() + "/devices", manager)).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.totalItems", v -> v.assertThat().isEqualTo(0));
        assertThat(get(mvc, base() + "/households", manager)).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.totalItems", v -> v.assertThat().isEqualTo(0));
    }

    @Test
    void appliesAGoodFileQuicklyOnceAndItsExportReimportsUnchanged() throws Exception {
        String csv = String.join("\n", inventory(2000));
        long start = System.nanoTime();
        assertThat(importCsv(csv)).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.created.device", v -> v.assertThat().isEqualTo(2000))
                .hasPathSatisfying("$.created.household", v -> v.assertThat().isEqualTo(1000))
                .hasPathSatisfying("$.created.building", v -> v.assertThat().isEqualTo(10));
        assertThat((System.nanoTime() - start) / 1_000_000).as("milliseconds to import 2,000 devices").isLessThan(3000);
        assertThat(get(mvc, base() + "/devices?type=water-meter", manager)).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.totalItems", v -> v.assertThat().isEqualTo(1000));

        assertThat(importCsv(csv)).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.unchanged.device", v -> v.assertThat().isEqualTo(2000))
                .hasPathSatisfying("$.created.device", v -> v.assertThat().isEqualTo(0))
                .hasPathSatisfying("$.updated.device", v -> v.assertThat().isEqualTo(0));

        String exported = export();
        assertThat(importCsv(exported)).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.unchanged.device", v -> v.assertThat().isEqualTo(2000))
                .hasPathSatisfying("$.unchanged.household", v -> v.assertThat().isEqualTo(1000))
                .hasPathSatisfying("$.updated.device", v -> v.assertThat().isEqualTo(0))
                .hasPathSatisfying("$.updated.household", v -> v.assertThat().isEqualTo(0));
        assertThat(export()).isEqualTo(exported);
    }

    @Test
    void replacesAMeterThroughTheInventory() throws Exception {
        assertThat(importCsv(String.join("\n", inventory(2)))).hasStatusOk();
        assertThat(importCsv(HEADER + "device,em-h0-2,,,,,electricity-meter,DDZY888,,household,h0,,2026-03-01,,em-h0\n")).hasStatusOk()
                .bodyJson().hasPathSatisfying("$.updated.device", v -> v.assertThat().isEqualTo(1));
        assertThat(get(mvc, base() + "/devices/em-h0", manager)).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.status", v -> v.assertThat().isEqualTo("RETIRED"))
                .hasPathSatisfying("$.retiredOn", v -> v.assertThat().isEqualTo("2026-03-01"));
        assertThat(export()).contains("device,em-h0-2,,,,,electricity-meter,DDZY888,,household,h0,ACTIVE,2026-03-01,,em-h0");
    }

    @Test
    void refusesAFileLargerThanTheBoundAndOutsiders() {
        byte[] huge = new byte[6 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) 'a');
        assertThat(mvc.post().uri(base() + "/inventory").header(HttpHeaders.AUTHORIZATION, manager).contentType("text/csv").content(huge))
                .hasStatus(HttpStatus.CONTENT_TOO_LARGE).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        String staff = TestTokens.bearer(TestTokens.staff(community));
        assertThat(mvc.post().uri(base() + "/inventory").header(HttpHeaders.AUTHORIZATION, staff).contentType("text/csv")
                .content(HEADER)).hasStatus(HttpStatus.FORBIDDEN);
        assertThat(get(mvc, base() + "/inventory", staff)).hasStatusOk();
        assertThat(get(mvc, base() + "/inventory", TestTokens.bearer(TestTokens.resident(community, "h0"))))
                .hasStatus(HttpStatus.FORBIDDEN);
    }

    /** 10 buildings, households h0.. with an electricity and a water meter each: {@code devices} devices in all. */
    private static List<String> inventory(int devices) {
        List<String> lines = new java.util.ArrayList<>();
        lines.add(HEADER.strip());
        for (int b = 0; b < 10; b++) {
            lines.add("building,b" + b + ",Building " + b + ",,,,,,,,,,,,");
        }
        for (int h = 0; h < devices / 2; h++) {
            lines.add("household,h" + h + ",Unit " + h + ",b" + (h % 10) + "," + (1 + h % 4) + ",,,,,,,,,,");
        }
        for (int h = 0; h < devices / 2; h++) {
            lines.add("device,em-h" + h + ",,,,,electricity-meter,DDZY666,\"meter box, floor " + (h % 30) + "\",household,h" + h
                    + ",,2026-01-05,,");
            lines.add("device,wm-h" + h + ",,,,,water-meter,LXS-15,,household,h" + h + ",,2026-01-05,,");
        }
        return lines;
    }

    private MockMvcTester.MockMvcRequestBuilder importCsv(String csv) {
        return mvc.post().uri(base() + "/inventory").header(HttpHeaders.AUTHORIZATION, manager).contentType("text/csv")
                .content(csv.getBytes(StandardCharsets.UTF_8));
    }

    private String export() throws java.io.UnsupportedEncodingException {
        var result = mvc.get().uri(base() + "/inventory").header(HttpHeaders.AUTHORIZATION, manager).exchange();
        assertThat(result).hasStatusOk();
        return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private String base() {
        return "/api/sensing/communities/" + community;
    }
}
