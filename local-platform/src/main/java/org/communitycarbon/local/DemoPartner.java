package org.communitycarbon.local;

/**
 * The bike-sharing partner of the simulated community, so that the demo user {@code partner} can report green trips:
 * {@value #ID}, reporting bike and e-bike trips for the community. A resident links with it in the app and gives it the
 * link code (docs/accounting.md#green-travel-from-partners). Through the platform's public API, as an admin would onboard
 * one; doing it again changes nothing.
 */
final class DemoPartner {

    static final String ID = "green-bikes";

    private DemoPartner() {
    }

    static void onboard(String gatewayUrl, String adminToken, String communityId) {
        DemoSetup.create("Onboarding the demo partner", gatewayUrl + "/api/accounting/partners", adminToken, """
                {"id":"%s","name":"青骑单车 Green Bikes","modes":["BIKE","E_BIKE"],"communities":["%s"]}"""
                .formatted(ID, communityId));
    }
}
