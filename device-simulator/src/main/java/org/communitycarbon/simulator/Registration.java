package org.communitycarbon.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.communitycarbon.simulator.community.Inventory;
import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Registers a community with the platform's device registry before its devices speak: the community itself
 * (unless it exists), then its inventory through the CSV import, which is idempotent — registering the same
 * inventory again changes nothing. Goes through the platform's public API ({@code /api/sensing/...}) with a
 * bearer token that may write the community (an admin's, or to add to an existing community its property
 * manager's). It can also issue the community's gateway account, with which the simulator then connects.
 */
public final class Registration {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String apiUrl;
    private final String token;

    /**
     * @param apiUrl the gateway's (or the sensing service's) base URL, e.g. {@code http://localhost:8080}
     * @param token a bearer token that may write the community
     */
    public Registration(String apiUrl, String token) {
        this.apiUrl = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
        this.token = token;
    }

    /** Registers the community, if new, and its inventory; throws with the platform's answer if refused. */
    public void register(String name, String type, String region, String timeZone, Inventory inventory) {
        register(name, type, region, timeZone, null, inventory);
    }

    /**
     * Registers the community, if new, in a street (街道; null for none), and its inventory; throws with the
     * platform's answer if refused.
     */
    public void register(String name, String type, String region, String timeZone, @Nullable String streetId, Inventory inventory) {
        String community = inventory.communityId();
        HttpResponse<String> existing = send(request("/api/sensing/communities/" + community).GET().build());
        if (existing.statusCode() == 404) {
            String body = "{\"id\":\"%s\",\"name\":\"%s\",\"type\":\"%s\",\"region\":\"%s\",\"timeZone\":\"%s\"%s}".formatted(
                    community, name.replace("\"", "'"), type, region, timeZone,
                    streetId == null ? "" : ",\"streetId\":\"" + streetId.replace("\"", "'") + "\"");
            expect(send(request("/api/sensing/communities").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build()), "registering community " + community);
        }
        else {
            expect(existing, "reading community " + community);
        }
        expect(send(request("/api/sensing/communities/" + community + "/inventory").header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(inventory.toCsv())).build()),
                "importing the inventory of " + community + " (" + inventory.devices().size() + " devices)");
    }

    /**
     * The password of the community's gateway account {@code gateway/<community>/<name>}: created, or given a new
     * secret if it exists (the platform shows a secret only once, so a restarted simulator takes a new one).
     *
     * @return the account's username and password
     */
    public MqttAccount gatewayAccount(String communityId, String name) {
        String accounts = "/api/sensing/communities/" + communityId + "/mqtt-accounts";
        HttpResponse<String> created = send(request(accounts).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"gateway\",\"name\":\"" + name + "\"}")).build());
        HttpResponse<String> issued = created.statusCode() == 409
                ? send(request(accounts + "/gateway/" + name + "/rotation").POST(HttpRequest.BodyPublishers.noBody()).build())
                : created;
        expect(issued, "issuing the MQTT account of gateway " + name + " of " + communityId);
        JsonNode body = JSON.readTree(issued.body());
        return new MqttAccount(body.get("username").asString(), body.get("password").asString());
    }

    /**
     * The password of a device's account {@code device/<community>/<deviceId>}: created, or given a new secret if it
     * exists. The simulator's controllers log in with their own accounts, as real ones would.
     */
    public MqttAccount deviceAccount(String communityId, String deviceId) {
        String accounts = "/api/sensing/communities/" + communityId + "/mqtt-accounts";
        HttpResponse<String> created = send(request(accounts).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"device\",\"name\":\"" + deviceId + "\"}")).build());
        HttpResponse<String> issued = created.statusCode() == 409
                ? send(request(accounts + "/device/" + deviceId + "/rotation").POST(HttpRequest.BodyPublishers.noBody()).build())
                : created;
        expect(issued, "issuing the MQTT account of device " + deviceId + " of " + communityId);
        JsonNode body = JSON.readTree(issued.body());
        return new MqttAccount(body.get("username").asString(), body.get("password").asString());
    }

    /**
     * Marks in the registry the common area each building's master meter is bound to as the building's supply ({@code PUT
     * /api/sensing/communities/{community}/areas/{area}} with {@code "buildingSupply": true}, docs/devices.md), after
     * {@link #register}: accounting and ops learn it from the registry's events, so the master meter's readings are
     * compared with the building's meters and never counted as the building's or its common areas' use. The area keeps
     * its registered name and building; marking it again changes nothing. A service not answering yet is tried again for
     * up to {@code patience}.
     *
     * @param masterAreas building id to the common area its master meter is bound to
     */
    public void designateMasterMeters(String communityId, java.util.Map<String, String> masterAreas, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        for (java.util.Map.Entry<String, String> master : masterAreas.entrySet()) {
            String area = "/api/sensing/communities/" + communityId + "/areas/" + master.getValue();
            HttpResponse<String> registered = send(request(area).GET().build());
            while (notYet(registered) && System.nanoTime() < deadline) {
                pause();
                registered = send(request(area).GET().build());
            }
            expect(registered, "reading area " + master.getValue() + " of " + communityId);
            String name = JSON.readTree(registered.body()).get("name").asString();
            String body = "{\"name\":" + JSON.writeValueAsString(name) + ",\"buildingId\":" + JSON.writeValueAsString(master.getKey())
                    + ",\"buildingSupply\":true}";
            expect(send(request(area).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build()),
                    "marking " + master.getValue() + " as the supply of building " + master.getKey() + " of " + communityId);
        }
    }

    /** The service is not answering yet. */
    private static boolean notYet(HttpResponse<String> response) {
        return response.statusCode() >= 500;
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while designating master meters", e);
        }
    }

    /** An MQTT username and password. */
    public record MqttAccount(String username, String password) {

        @Override
        public String toString() {
            return "MqttAccount[username=" + username + ", password=***]";
        }
    }

    /** A demo user's token from the local run's demo issuer ({@code POST /auth/token}). */
    public static String demoToken(String gatewayUrl, String username, String password) {
        HttpClient http = HttpClient.newHttpClient();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(gatewayUrl + "/auth/token"))
                    .timeout(TIMEOUT).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                            + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            int start = response.body().indexOf("\"access_token\"");
            if (response.statusCode() != 200 || start < 0) {
                throw new IllegalStateException("No token for " + username + ": HTTP " + response.statusCode() + " " + response.body());
            }
            int open = response.body().indexOf('"', response.body().indexOf(':', start) + 1);
            return response.body().substring(open + 1, response.body().indexOf('"', open + 1));
        }
        catch (IOException e) {
            throw new IllegalStateException("No token for " + username + ": " + e.getMessage(), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while asking a token for " + username, e);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(apiUrl + path)).timeout(TIMEOUT).header("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + e.getMessage(), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + request.method() + " " + request.uri(), e);
        }
    }

    private static void expect(HttpResponse<String> response, String what) {
        if (response.statusCode() / 100 != 2) {
            String body = response.body();
            throw new IllegalStateException(what + " was refused: HTTP " + response.statusCode() + " "
                    + (body.length() > 2000 ? body.substring(0, 2000) + "…" : body));
        }
    }
}
