package org.communitycarbon.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class Open311ApiKeyTest {

    @Test
    void passesAnOpen311ReadWithAKeyAndAFormFilingWithoutAToken() {
        assertThat(Open311ApiKey.matches(MockServerHttpRequest.get("/open311/v2/requests.json?api_key=k").build())).isTrue();
        assertThat(Open311ApiKey.matches(MockServerHttpRequest.post("/open311/v2/requests.json")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).build())).isTrue();
    }

    @Test
    void givesNoPassElsewhereWithATokenWithoutAKeyOrOnAPathThatCouldLeaveOpen311() {
        assertThat(Open311ApiKey.matches(MockServerHttpRequest.get("/api/ops/open311/v2/requests.json?api_key=k").build())).isFalse();
        assertThat(Open311ApiKey.matches(MockServerHttpRequest.get("/open311/v2/requests.json").build())).isFalse();
        assertThat(Open311ApiKey.matches(MockServerHttpRequest.get("/open311/v2/requests.json?api_key=k")
                .header(HttpHeaders.AUTHORIZATION, "Bearer x").build())).as("a token call is checked as a token call").isFalse();
        assertThat(Open311ApiKey.matches(MockServerHttpRequest.post("/open311/v2/requests.json")
                .contentType(MediaType.APPLICATION_JSON).build())).isFalse();
        assertThat(Open311ApiKey.matches(MockServerHttpRequest.delete("/open311/v2/requests.json?api_key=k").build())).isFalse();
        for (String path : new String[] {"/open311/v2/../../api/ops/work-orders/mine?api_key=k",
                "/open311/v2/..%2F..%2Fapi/ops/work-orders/mine?api_key=k", "/open311/v2/%2e%2e/x?api_key=k",
                "/open311/v2/requests.json;x=y?api_key=k"}) {
            assertThat(Open311ApiKey.matches(MockServerHttpRequest.method(HttpMethod.GET, URI.create(path)).build())).as(path).isFalse();
        }
    }
}
