package org.communitycarbon.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@SupportFixtureTest
class ProblemDetailsIT {

    @Autowired
    MockMvcTester mvc;

    private final String manager = TestTokens.bearer(TestTokens.propertyManager("c1"));

    @Test
    void namesTheInvalidField() {
        assertThat(post("{\"text\":\"\"}"))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson()
                .hasPathSatisfying("$.invalid-params[0].name", name -> name.assertThat().isEqualTo("text"))
                .hasPathSatisfying("$.invalid-params[0].reason", reason -> reason.assertThat().isEqualTo("must not be blank"));
    }

    @Test
    void refusesAFieldTheApiDoesNotHave() {
        assertThat(post("{\"text\":\"hello\",\"communityId\":\"c2\"}"))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().hasPathSatisfying("$.invalid-params[0].name", name -> name.assertThat().isEqualTo("communityId"));
    }

    @Test
    void explainsMalformedJson() {
        assertThat(post("{\"text\": "))
                .hasStatus(HttpStatus.BAD_REQUEST)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().extractingPath("$.detail").asString().startsWith("The request body is not valid JSON");
    }

    @Test
    void answersAnUnknownPathWithAProblem() {
        assertThat(mvc.get().uri("/api/test/nothing-here").header(HttpHeaders.AUTHORIZATION, manager))
                .hasStatus(HttpStatus.NOT_FOUND)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private MockMvcTester.MockMvcRequestBuilder post(String body) {
        return mvc.post().uri("/api/test/communities/c1/notes").header(HttpHeaders.AUTHORIZATION, manager)
                .contentType(MediaType.APPLICATION_JSON).content(body);
    }
}
