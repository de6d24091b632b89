package org.communitycarbon.local;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.ReactorClientHttpRequestFactory;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** An HTTP client of the gateway, as the app or the dashboard would be: tokens from /auth/token, JSON back. */
final class Gateway {

    /** A response: status and JSON body. */
    record Response(int status, JsonNode body, HttpHeaders headers) {
    }

    private final RestClient http;
    private final String demoPassword;
    private final JsonMapper json = JsonMapper.builder().build();

    /** The gateway of a local platform, whose demo users log in with its demo password. */
    Gateway(LocalPlatform platform) {
        this(platform.gatewayUrl(), platform.demoPassword());
    }

    /** Any of the platform's applications, for what needs no token (metrics, health). */
    Gateway(String url, String demoPassword) {
        this.http = RestClient.builder().baseUrl(url).requestFactory(patient())
                .defaultStatusHandler(status -> true, (request, response) -> { }).build();
        this.demoPassword = demoPassword;
    }

    /**
     * Waits up to a minute for an answer, where the client's default is 10 s: the tests run on a machine both of whose
     * cores are busy, and a first call of a cold path (the monthly workbook: Apache POI's classes) can take longer. The
     * gateway's own limit of 30 s per request still applies.
     */
    static ClientHttpRequestFactory patient() {
        ReactorClientHttpRequestFactory factory = new ReactorClientHttpRequestFactory();
        factory.setReadTimeout(Duration.ofMinutes(1));
        return factory;
    }

    String token(String username) {
        var form = new LinkedMultiValueMap<String, String>();
        form.add("username", username);
        form.add("password", demoPassword);
        Response response = read(http.post().uri("/auth/token").contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form)
                .retrieve().toEntity(String.class));
        if (response.status() != 200) {
            throw new AssertionError("no token for " + username + ": " + response.body());
        }
        return response.body().get("access_token").asString();
    }

    Response get(String path, @Nullable String token) {
        return read(http.get().uri(path).headers(h -> bearer(h, token)).retrieve().toEntity(String.class));
    }

    /** A page as text, unauthenticated (the Prometheus endpoint, say). */
    String text(String path) {
        String body = http.get().uri(path).retrieve().body(String.class);
        return body == null ? "" : body;
    }

    Response post(String path, @Nullable String token, Object body, Map<String, String> headers) {
        return read(http.post().uri(path).headers(h -> {
            bearer(h, token);
            headers.forEach(h::add);
        }).contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(String.class));
    }

    Response put(String path, @Nullable String token, Object body) {
        return read(http.put().uri(path).headers(h -> bearer(h, token)).contentType(MediaType.APPLICATION_JSON).body(body).retrieve()
                .toEntity(String.class));
    }

    Response delete(String path, @Nullable String token) {
        return read(http.delete().uri(path).headers(h -> bearer(h, token)).retrieve().toEntity(String.class));
    }

    private static void bearer(HttpHeaders headers, @Nullable String token) {
        if (token != null) {
            headers.setBearerAuth(token);
        }
    }

    private Response read(ResponseEntity<String> response) {
        String body = response.getBody();
        return new Response(response.getStatusCode().value(),
                body == null || body.isBlank() ? json.nullNode() : json.readTree(body), response.getHeaders());
    }
}
