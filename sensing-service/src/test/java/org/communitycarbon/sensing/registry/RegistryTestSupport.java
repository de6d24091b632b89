package org.communitycarbon.sensing.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.communitycarbon.testing.TestTokens;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/** A fresh community per test, registered by an admin, and short ways to call the registry API. */
final class RegistryTestSupport {

    static final String ADMIN = TestTokens.bearer(TestTokens.admin());

    private RegistryTestSupport() {
    }

    static String newCommunity(MockMvcTester mvc) {
        String id = "reg-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(send(mvc, "POST", "/api/sensing/communities", ADMIN, """
                {"id":"%s","name":"Maple Court","type":"NEW_COMMERCIAL","region":"central-china","timeZone":"Asia/Shanghai"}"""
                .formatted(id))).hasStatus(HttpStatus.CREATED);
        return id;
    }

    static MockMvcTester.MockMvcRequestBuilder send(MockMvcTester mvc, String method, String uri, String bearer, String json) {
        var request = switch (method) {
            case "POST" -> mvc.post();
            case "PUT" -> mvc.put();
            default -> throw new IllegalArgumentException(method);
        };
        return request.uri(uri).header(HttpHeaders.AUTHORIZATION, bearer).contentType(MediaType.APPLICATION_JSON).content(json);
    }

    static MockMvcTester.MockMvcRequestBuilder get(MockMvcTester mvc, String uri, String bearer) {
        return mvc.get().uri(uri).header(HttpHeaders.AUTHORIZATION, bearer);
    }
}
