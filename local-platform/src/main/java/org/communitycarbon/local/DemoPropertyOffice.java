package org.communitycarbon.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the simulated community's property office sets up before residents arrive, through the platform's public API:
 * a merchant whose user is the demo user {@code merchant} (so that user can scan household codes), and an example
 * time-of-use tariff from the day before the run (so the dashboard prices the common areas' electricity). The tariff is
 * an example of the shape of a Chinese TOU tariff, not a utility's published one.
 */
final class DemoPropertyOffice {

    static final String MERCHANT_NAME = "绿色便利店 Green Corner Store";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    private DemoPropertyOffice() {
    }

    static void setUp(String gatewayUrl, String adminToken, String communityId, ZoneId zone) {
        HttpClient http = HttpClient.newHttpClient();
        String merchant = post(http, gatewayUrl + "/api/credits/communities/" + communityId + "/merchants", adminToken,
                "{\"name\":\"" + MERCHANT_NAME + "\"}");
        Matcher id = ID.matcher(merchant);
        if (!id.find()) {
            throw new IllegalStateException("Onboarding the demo merchant: no id in " + merchant);
        }
        post(http, gatewayUrl + "/api/credits/communities/" + communityId + "/merchants/" + id.group(1) + "/users", adminToken,
                "{\"subject\":\"merchant\",\"name\":\"李娜 Li Na\"}");
        post(http, gatewayUrl + "/api/ops/communities/" + communityId + "/energy/tariffs", adminToken, """
                {"effectiveFrom":"%s","periods":[
                  {"period":"VALLEY","fromHour":0,"toHour":8,"pricePerKwh":0.35},
                  {"period":"FLAT","fromHour":8,"toHour":10,"pricePerKwh":0.65},
                  {"period":"PEAK","fromHour":10,"toHour":12,"pricePerKwh":1.05},
                  {"period":"FLAT","fromHour":12,"toHour":18,"pricePerKwh":0.65},
                  {"period":"PEAK","fromHour":18,"toHour":22,"pricePerKwh":1.05},
                  {"period":"VALLEY","fromHour":22,"toHour":24,"pricePerKwh":0.35}]}""".formatted(LocalDate.now(zone).minusDays(1)));
    }

    /** A creation: its answer, or "" when it existed already (409). */
    private static String post(HttpClient http, String url, String token, String json) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 409) {
                return "";
            }
            if (response.statusCode() != 200 && response.statusCode() != 201) {
                throw new IllegalStateException("Setting up the demo property office: " + url + " answered " + response.statusCode()
                        + " " + response.body());
            }
            return response.body();
        }
        catch (IOException e) {
            throw new IllegalStateException("Setting up the demo property office: " + url + ": " + e.getMessage(), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while setting up the demo property office", e);
        }
    }
}
