package org.communitycarbon.local;

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
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    private DemoPropertyOffice() {
    }

    static void setUp(String gatewayUrl, String adminToken, String communityId, ZoneId zone) {
        String merchant = DemoSetup.create("Setting up the demo property office", gatewayUrl + "/api/credits/communities/" + communityId + "/merchants", adminToken,
                "{\"name\":\"" + MERCHANT_NAME + "\"}");
        Matcher id = ID.matcher(merchant);
        if (!id.find()) {
            throw new IllegalStateException("Onboarding the demo merchant: no id in " + merchant);
        }
        DemoSetup.create("Setting up the demo property office", gatewayUrl + "/api/credits/communities/" + communityId + "/merchants/" + id.group(1) + "/users", adminToken,
                "{\"subject\":\"merchant\",\"name\":\"李娜 Li Na\"}");
        DemoSetup.create("Setting up the demo property office", gatewayUrl + "/api/ops/communities/" + communityId + "/energy/tariffs", adminToken, """
                {"effectiveFrom":"%s","periods":[
                  {"period":"VALLEY","fromHour":0,"toHour":8,"pricePerKwh":0.35},
                  {"period":"FLAT","fromHour":8,"toHour":10,"pricePerKwh":0.65},
                  {"period":"PEAK","fromHour":10,"toHour":12,"pricePerKwh":1.05},
                  {"period":"FLAT","fromHour":12,"toHour":18,"pricePerKwh":0.65},
                  {"period":"PEAK","fromHour":18,"toHour":22,"pricePerKwh":1.05},
                  {"period":"VALLEY","fromHour":22,"toHour":24,"pricePerKwh":0.35}]}""".formatted(LocalDate.now(zone).minusDays(1)));
    }
}
