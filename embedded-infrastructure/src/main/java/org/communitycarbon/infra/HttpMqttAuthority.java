package org.communitycarbon.infra;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The sensing service's broker hook ({@code POST /internal/mqtt/connect} and {@code /active}) over HTTP. */
public final class HttpMqttAuthority implements MqttAuthority {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final URI baseUrl;

    /** @param baseUrl the sensing service, e.g. {@code http://localhost:8081} */
    public HttpMqttAuthority(URI baseUrl) {
        this.baseUrl = baseUrl;
    }

    @Override
    public CompletableFuture<Decision> connect(String username, byte[] password, String clientId) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("password", new String(password, StandardCharsets.UTF_8));
        body.put("clientId", clientId);
        return post("/internal/mqtt/connect", body).thenApply(response -> {
            JsonNode json = JSON.readTree(response.body());
            if (response.statusCode() == 200) {
                return Decision.allow(new Grant(strings(json.get("publish")), strings(json.get("subscribe"))));
            }
            if (response.statusCode() == 403 && json.hasNonNull("refusal")) {
                return Decision.refuse(json.get("refusal").asString());
            }
            throw new IllegalStateException("the broker hook answered HTTP " + response.statusCode());
        });
    }

    @Override
    public CompletableFuture<Set<String>> inactive(Collection<String> usernames) {
        return post("/internal/mqtt/active", Map.of("usernames", usernames)).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the broker hook answered HTTP " + response.statusCode());
            }
            return strings(JSON.readTree(response.body()).get("inactive")).stream().collect(Collectors.toSet());
        });
    }

    private CompletableFuture<HttpResponse<String>> post(String path, Object body) {
        HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve(path)).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> strings(JsonNode array) {
        return array == null ? List.of() : array.valueStream().map(JsonNode::asString).toList();
    }

    @Override
    public String toString() {
        return "the broker hook at " + baseUrl;
    }
}
