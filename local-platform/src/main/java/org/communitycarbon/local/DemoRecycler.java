package org.communitycarbon.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The recycling company of the simulated community, so that a booked pickup is dispatched and the demo user
 * {@code recycler} has something to collect: {@value #ID}, taking every category, with that user as its collector.
 * Through the platform's public API, as a property company would onboard one; doing it again changes nothing.
 */
final class DemoRecycler {

    static final String ID = "green-cycle";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private DemoRecycler() {
    }

    static void onboard(String gatewayUrl, String adminToken, String communityId) {
        HttpClient http = HttpClient.newHttpClient();
        post(http, gatewayUrl + "/api/recycling/communities/" + communityId + "/recyclers", adminToken, """
                {"id":"%s","name":"绿循环再生资源 Green Cycle Renewable Resources","licenceNumber":"WH-RR-2026-0001",
                 "categories":["PAPER","PLASTIC","METAL","GLASS","CLOTHING","SMALL_APPLIANCES","LARGE_APPLIANCES","FURNITURE"],
                 "dailyCapacity":200}""".formatted(ID));
        post(http, gatewayUrl + "/api/recycling/recyclers/" + ID + "/collectors", adminToken,
                "{\"name\":\"王磊 Wang Lei\",\"subject\":\"recycler\"}");
    }

    /** A creation; 409 means it was made before. */
    private static void post(HttpClient http, String url, String token, String json) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201 && response.statusCode() != 409) {
                throw new IllegalStateException("Onboarding the demo recycler: " + url + " answered " + response.statusCode()
                        + " " + response.body());
            }
        }
        catch (IOException e) {
            throw new IllegalStateException("Onboarding the demo recycler: " + url + ": " + e.getMessage(), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while onboarding the demo recycler", e);
        }
    }
}
