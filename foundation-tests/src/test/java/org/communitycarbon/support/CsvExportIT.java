package org.communitycarbon.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** Any answer of the API as CSV when the client asks for it; JSON otherwise, and errors stay problem details. */
@SupportFixtureTest
class CsvExportIT {

    @Autowired
    MockMvcTester mvc;

    private final String manager = TestTokens.bearer(TestTokens.propertyManager("c1"));

    @Test
    void writesAPageAsOneRowPerItemWithTheJsonFieldNames() throws Exception {
        MvcTestResult result = mvc.get().uri("/api/test/communities/c1/rows").header(HttpHeaders.AUTHORIZATION, manager)
                .accept(MediaType.parseMediaType("text/csv")).exchange();
        assertThat(result).hasStatus(HttpStatus.OK);
        assertThat(result.getResponse().getContentType()).startsWith("text/csv");
        assertThat(result.getResponse().getHeader(HttpHeaders.CONTENT_DISPOSITION)).isEqualTo("attachment; filename=\"c1-rows.csv\"");

        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(result.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8))).getRecords();
        assertThat(rows.get(0).getParser().getHeaderNames())
                .containsExactly("name", "amount", "at", "place.building", "place.floor", "tags", "note");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("name")).isEqualTo("绿色 Green, \"quoted\"");
        assertThat(rows.get(0).get("amount")).isEqualTo("12.50");
        assertThat(rows.get(0).get("at")).isEqualTo("2026-11-22T08:00:00Z");
        assertThat(rows.get(0).get("place.floor")).isEqualTo("3");
        assertThat(rows.get(0).get("tags")).isEqualTo("[\"a\",\"b\"]");
        assertThat(rows.get(0).get("note")).as("a formula is defused").isEqualTo("'=HYPERLINK(\"http://evil\")");
        assertThat(rows.get(1).get("amount")).as("a negative number stays a number").isEqualTo("-1000");
        assertThat(rows.get(1).get("place.building")).isEmpty();
    }

    @Test
    void answersJsonWhenTheClientDoesNotAskForCsv() {
        assertThat(mvc.get().uri("/api/test/communities/c1/rows").header(HttpHeaders.AUTHORIZATION, manager))
                .hasStatus(HttpStatus.OK).hasContentType(MediaType.APPLICATION_JSON)
                .bodyJson().extractingPath("$.items[0].place.building").isEqualTo("b1");
        assertThat(mvc.get().uri("/api/test/communities/c1/rows").header(HttpHeaders.AUTHORIZATION, manager).accept(MediaType.ALL))
                .hasStatus(HttpStatus.OK).hasContentType(MediaType.APPLICATION_JSON);
    }

    @Test
    void refusesInProblemDetailsEvenToACsvClient() {
        assertThat(mvc.get().uri("/api/test/communities/c2/rows").header(HttpHeaders.AUTHORIZATION, manager)
                .accept(MediaType.parseMediaType("text/csv")))
                .hasStatus(HttpStatus.FORBIDDEN).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
