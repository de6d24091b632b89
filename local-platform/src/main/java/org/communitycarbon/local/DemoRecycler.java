package org.communitycarbon.local;

/**
 * The recycling company of the simulated community, so that a booked pickup is dispatched and the demo user
 * {@code recycler} has something to collect: {@value #ID}, taking every category, with that user as its collector.
 * Through the platform's public API, as a property company would onboard one; doing it again changes nothing.
 */
final class DemoRecycler {

    static final String ID = "green-cycle";

    private DemoRecycler() {
    }

    static void onboard(String gatewayUrl, String adminToken, String communityId) {
        DemoSetup.create("Onboarding the demo recycler", gatewayUrl + "/api/recycling/communities/" + communityId + "/recyclers",
                adminToken, """
                {"id":"%s","name":"绿循环再生资源 Green Cycle Renewable Resources","licenceNumber":"WH-RR-2026-0001",
                 "categories":["PAPER","PLASTIC","METAL","GLASS","CLOTHING","SMALL_APPLIANCES","LARGE_APPLIANCES","FURNITURE"],
                 "dailyCapacity":200}""".formatted(ID));
        DemoSetup.create("Onboarding the demo recycler", gatewayUrl + "/api/recycling/recyclers/" + ID + "/collectors", adminToken,
                "{\"name\":\"王磊 Wang Lei\",\"subject\":\"recycler\"}");
    }
}
