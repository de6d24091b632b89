package org.communitycarbon.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Creations through the platform's public API for the local run's demo setup; doing one again changes nothing. */
final class DemoSetup {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private DemoSetup() {
    }

    /** POSTs a creation: its answer, or "" when it was made before (409). */
    static String create(String what, String url, String token, String json) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 409) {
                return "";
            }
            if (response.statusCode() != 200 && response.statusCode() != 201) {
                throw new IllegalStateException(what + ": " + url + " answered " + response.statusCode() + " " + response.body());
            }
            return response.body();
        }
        catch (IOException e) {
            throw new IllegalStateException(what + ": " + url + ": " + e.getMessage(), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + what, e);
        }
    }
}
