package org.communitycarbon.sensing.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.communitycarbon.sensing.registry.RegistryTestSupport.ADMIN;
import static org.communitycarbon.sensing.registry.RegistryTestSupport.get;
import static org.communitycarbon.sensing.registry.RegistryTestSupport.newCommunity;
import static org.communitycarbon.sensing.registry.RegistryTestSupport.send;

import java.time.Duration;

import org.communitycarbon.infra.EmbeddedInfrastructure;
import org.communitycarbon.model.registry.RegistryTopics;
import org.communitycarbon.model.sensing.SensingTopics;
import org.communitycarbon.sensing.SensingServiceTest;
import org.communitycarbon.testing.KafkaTestConsumer;
import org.communitycarbon.testing.MqttTestClient;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@SensingServiceTest
class DeviceRegistryIT {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    DeviceDirectory directory;

    @Autowired
    RegistrySettings settings;

    private String community;
    private String manager;

    @BeforeEach
    void registerACommunityWithAHousehold() {
        community = newCommunity(mvc);
        manager = TestTokens.bearer(TestTokens.propertyManager(community));
        assertThat(send(mvc, "PUT", base() + "/buildings/b01", manager, "{\"name\":\"Building 1\"}")).hasStatus(HttpStatus.CREATED);
        assertThat(send(mvc, "PUT", base() + "/households/b01-0101", manager,
                "{\"name\":\"1-0101\",\"buildingId\":\"b01\",\"members\":3}")).hasStatus(HttpStatus.CREATED);
    }

    @Test
    void itsManagerAndAnAdminChangeACommunityItsStaffReadItAndNobodyElseSeesIt() {
        String staff = TestTokens.bearer(TestTokens.staff(community));
        String otherManager = TestTokens.bearer(TestTokens.propertyManager("elsewhere"));
        String resident = TestTokens.bearer(TestTokens.resident(community, "b01-0101"));
        String street = TestTokens.bearer(TestTokens.streetOffice("east-lake", community));

        assertThat(get(mvc, base() + "/households/b01-0101", staff)).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.members", v -> v.assertThat().isEqualTo(3))
                .hasPathSatisfying("$.buildingId", v -> v.assertThat().isEqualTo("b01"));
        assertThat(send(mvc, "PUT", base() + "/households/b01-0101", staff, "{\"name\":\"1-0101\",\"buildingId\":\"b01\",\"members\":4}"))
                .hasStatus(HttpStatus.FORBIDDEN);
        for (String outsider : new String[] {otherManager, resident, street, TestTokens.bearer(TestTokens.merchant())}) {
            assertThat(get(mvc, base() + "/households/b01-0101", outsider)).hasStatus(HttpStatus.FORBIDDEN);
            assertThat(get(mvc, base() + "/devices", outsider)).hasStatus(HttpStatus.FORBIDDEN);
            assertThat(send(mvc, "PUT", base() + "/buildings/b02", outsider, "{\"name\":\"Building 2\"}")).hasStatus(HttpStatus.FORBIDDEN);
        }
        assertThat(send(mvc, "POST", "/api/sensing/communities", manager, """
                {"id":"mine","name":"Mine","type":"OLDER","region":"national","timeZone":"Asia/Shanghai"}"""))
                .hasStatus(HttpStatus.FORBIDDEN);

        assertThat(send(mvc, "PUT", base(), manager, """
                {"name":"Maple Court","type":"OLDER","region":"north-china","timeZone":"Asia/Shanghai"}""")).hasStatusOk()
                .bodyJson().hasPathSatisfying("$.region", v -> v.assertThat().isEqualTo("north-china"));
        assertThat(send(mvc, "PUT", base() + "/households/b01-0101", ADMIN, "{\"name\":\"1-0101\",\"buildingId\":\"b01\",\"members\":4}"))
                .hasStatusOk();
        assertThat(get(mvc, "/api/sensing/communities", staff)).hasStatusOk().bodyJson()
                .extractingPath("$[*].id").asArray().containsExactly(community);
        assertThat(get(mvc, "/api/sensing/communities", resident)).hasStatus(HttpStatus.FORBIDDEN);
    }

    @Test
    void anAdminPutsACommunityInAStreetItsManagerKeepsItAndTheEventCarriesIt() throws Exception {
        try (var communities = new KafkaTestConsumer(EmbeddedInfrastructure.shared().kafka().bootstrapServers(),
                RegistryTopics.COMMUNITIES)) {
            assertThat(send(mvc, "PUT", base(), ADMIN, """
                    {"name":"Maple Court","type":"OLDER","region":"national","timeZone":"Asia/Shanghai","streetId":"east-lake"}"""))
                    .hasStatusOk().bodyJson().hasPathSatisfying("$.streetId", v -> v.assertThat().isEqualTo("east-lake"));
            // the manager's update without a street keeps it; moving the community to another street is an admin's decision
            assertThat(send(mvc, "PUT", base(), manager, """
                    {"name":"Maple Court 2","type":"OLDER","region":"national","timeZone":"Asia/Shanghai"}"""))
                    .hasStatusOk().bodyJson().hasPathSatisfying("$.streetId", v -> v.assertThat().isEqualTo("east-lake"));
            assertThat(send(mvc, "PUT", base(), manager, """
                    {"name":"Maple Court","type":"OLDER","region":"national","timeZone":"Asia/Shanghai","streetId":"west-lake"}"""))
                    .hasStatus(HttpStatus.FORBIDDEN);
            assertThat(send(mvc, "PUT", base(), ADMIN, """
                    {"name":"Maple Court","type":"OLDER","region":"national","timeZone":"Asia/Shanghai","streetId":"not a street"}"""))
                    .hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                    .hasPathSatisfying("$.invalid-params[0].name", v -> v.assertThat().isEqualTo("streetId"));
            var changed = communities.await(r -> community.equals(r.key())
                    && KafkaTestConsumer.value(r).contains("Maple Court 2"), Duration.ofSeconds(30));
            assertThat(KafkaTestConsumer.value(changed)).contains("\"streetId\":\"east-lake\"");
        }
    }

    @Test
    void answersAProblemNamingTheFieldAtFault() {
        assertThat(send(mvc, "PUT", base() + "/households/b01-0102", manager, "{\"name\":\"1-0102\",\"buildingId\":\"b09\",\"members\":2}"))
                .hasStatus(HttpStatus.BAD_REQUEST).hasContentType(MediaType.APPLICATION_PROBLEM_JSON).bodyJson()
                .hasPathSatisfying("$.invalid-params[0].name", v -> v.assertThat().isEqualTo("buildingId"));
        assertThat(send(mvc, "PUT", base() + "/households/b01-0102", manager, "{\"name\":\"1-0102\",\"buildingId\":\"b01\",\"members\":0}"))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                .hasPathSatisfying("$.invalid-params[0].name", v -> v.assertThat().isEqualTo("members"));
        assertThat(send(mvc, "POST", base() + "/devices", manager, """
                {"id":"em-1","type":"electricity-meter","model":"DDZY666","binding":"HOUSEHOLD","boundId":"b01-0101","role":"ADMIN"}"""))
                .hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(send(mvc, "POST", base() + "/devices", manager, """
                {"id":"em-1","type":"smart-plug","model":"DDZY666","binding":"HOUSEHOLD","boundId":"b01-0101"}"""))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                .hasPathSatisfying("$.invalid-params[0].name", v -> v.assertThat().isEqualTo("type"));
        assertThat(send(mvc, "POST", "/api/sensing/communities", ADMIN, """
                {"id":"x-%s","name":"X","type":"OLDER","region":"national","timeZone":"UTC+8"}""".formatted(community)))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                .hasPathSatisfying("$.invalid-params[0].name", v -> v.assertThat().isEqualTo("timeZone"));
    }

    @Test
    void registersListsAndFiltersDevices() {
        register("em-b01-0101", "electricity-meter");
        register("wm-b01-0101", "water-meter");
        assertThat(get(mvc, base() + "/devices?type=water-meter", manager)).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.totalItems", v -> v.assertThat().isEqualTo(1))
                .hasPathSatisfying("$.items[0].id", v -> v.assertThat().isEqualTo("wm-b01-0101"));
        assertThat(get(mvc, base() + "/devices?binding=HOUSEHOLD&boundId=b01-0101&status=ACTIVE&size=1", manager)).hasStatusOk()
                .bodyJson().hasPathSatisfying("$.totalItems", v -> v.assertThat().isEqualTo(2))
                .hasPathSatisfying("$.totalPages", v -> v.assertThat().isEqualTo(2));
        assertThat(send(mvc, "POST", base() + "/devices", manager, device("em-b01-0101", "electricity-meter")))
                .hasStatus(HttpStatus.CONFLICT);
        assertThat(send(mvc, "PUT", base() + "/devices/em-b01-0101", manager, "{\"model\":\"DDZY888\",\"location\":\"hall\"}"))
                .hasStatusOk().bodyJson().hasPathSatisfying("$.model", v -> v.assertThat().isEqualTo("DDZY888"));
        assertThat(get(mvc, base() + "/devices/nope", manager)).hasStatus(HttpStatus.NOT_FOUND);
    }

    @Test
    void replacingAMeterRetiresTheOldOneAndKeepsTheHouseholdsBinding() {
        register("em-b01-0101", "electricity-meter");
        assertThat(send(mvc, "POST", base() + "/devices/em-b01-0101/replace", manager,
                "{\"newDeviceId\":\"em-b01-0101-2\",\"model\":\"DDZY888\",\"on\":\"2026-03-01\"}"))
                .hasStatus(HttpStatus.CREATED).bodyJson()
                .hasPathSatisfying("$.replaces", v -> v.assertThat().isEqualTo("em-b01-0101"))
                .hasPathSatisfying("$.binding", v -> v.assertThat().isEqualTo("HOUSEHOLD"))
                .hasPathSatisfying("$.boundId", v -> v.assertThat().isEqualTo("b01-0101"))
                .hasPathSatisfying("$.installedOn", v -> v.assertThat().isEqualTo("2026-03-01"));
        assertThat(get(mvc, base() + "/devices/em-b01-0101", manager)).hasStatusOk().bodyJson()
                .hasPathSatisfying("$.status", v -> v.assertThat().isEqualTo("RETIRED"))
                .hasPathSatisfying("$.retiredOn", v -> v.assertThat().isEqualTo("2026-03-01"));
        assertThat(send(mvc, "POST", base() + "/devices/em-b01-0101/replace", manager,
                "{\"newDeviceId\":\"em-b01-0101-3\",\"model\":\"DDZY888\"}")).hasStatus(HttpStatus.CONFLICT);
        assertThat(send(mvc, "PUT", base() + "/devices/em-b01-0101", manager, "{\"model\":\"DDZY888\"}")).hasStatus(HttpStatus.CONFLICT);
    }

    @Test
    void theRegistersReadAtAMeterSwapBecomeReadingsOfBothMeters() {
        register("wm-b01-0101", "water-meter");
        try (var readings = new KafkaTestConsumer(EmbeddedInfrastructure.shared().kafka().bootstrapServers(), SensingTopics.METER_READINGS)) {
            assertThat(send(mvc, "POST", base() + "/devices/wm-b01-0101/replace", manager,
                    "{\"newDeviceId\":\"wm-b01-0101-2\",\"model\":\"LXSY-20E\",\"finalRegister\":88.125,\"initialRegister\":0}"))
                    .hasStatus(HttpStatus.CREATED);
            var last = readings.await(r -> (community + "/wm-b01-0101").equals(r.key()), Duration.ofSeconds(30));
            assertThat(KafkaTestConsumer.value(last)).contains("\"householdId\":\"b01-0101\"", "\"value\":88.125", "\"meterType\":\"WATER\"");
            var first = readings.await(r -> (community + "/wm-b01-0101-2").equals(r.key()), Duration.ofSeconds(30));
            assertThat(KafkaTestConsumer.value(first)).contains("\"householdId\":\"b01-0101\"", "\"value\":0");
            // the new meter is known the moment the swap is answered
            try (var meter = MqttTestClient.platform(EmbeddedInfrastructure.shared().mqtt())) {
                meter.publish("cc/" + community + "/water-meter/wm-b01-0101-2/reading", "{\"dateObserved\":\""
                        + java.time.Instant.now().plusSeconds(90).truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "\",\"waterConsumption\":0.030}");
            }
            var next = readings.await(r -> (community + "/wm-b01-0101-2").equals(r.key()) && KafkaTestConsumer.value(r).contains("0.03"),
                    Duration.ofSeconds(30));
            assertThat(KafkaTestConsumer.value(next)).contains("\"householdId\":\"b01-0101\"");
        }
        register("em-b01-0101", "electricity-meter");
        assertThat(send(mvc, "POST", base() + "/devices/em-b01-0101/replace", manager,
                "{\"newDeviceId\":\"em-b01-0101-2\",\"model\":\"DDZY888\",\"on\":\"2026-03-01\",\"finalRegister\":1.5}"))
                .as("registers only for a swap made today").hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(send(mvc, "POST", base() + "/devices/em-b01-0101/replace", manager,
                "{\"newDeviceId\":\"em-b01-0101-2\",\"model\":\"DDZY888\",\"finalRegister\":-1}"))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyText().contains("finalRegister");
    }

    @Test
    void publishesTheFullStateOfEachChange() {
        try (var devices = new KafkaTestConsumer(EmbeddedInfrastructure.shared().kafka().bootstrapServers(), RegistryTopics.DEVICES);
                var places = new KafkaTestConsumer(EmbeddedInfrastructure.shared().kafka().bootstrapServers(), RegistryTopics.PLACES);
                var communities = new KafkaTestConsumer(EmbeddedInfrastructure.shared().kafka().bootstrapServers(),
                        RegistryTopics.COMMUNITIES)) {
            register("em-b01-0101", "electricity-meter");
            assertThat(send(mvc, "POST", base() + "/devices/em-b01-0101/retire", manager, "{\"retiredOn\":\"2026-03-01\"}")).hasStatusOk();

            var registered = devices.await(r -> (community + "/em-b01-0101").equals(r.key())
                    && KafkaTestConsumer.value(r).contains("\"status\":\"ACTIVE\""), Duration.ofSeconds(30));
            assertThat(KafkaTestConsumer.value(registered)).contains("\"binding\":\"HOUSEHOLD\"", "\"boundId\":\"b01-0101\"",
                    "\"deviceType\":\"electricity-meter\"");
            var retired = devices.await(r -> (community + "/em-b01-0101").equals(r.key())
                    && KafkaTestConsumer.value(r).contains("\"status\":\"RETIRED\""), Duration.ofSeconds(30));
            assertThat(KafkaTestConsumer.value(retired)).contains("\"retiredOn\":\"2026-03-01\"");
            var household = places.await(r -> (community + "/HOUSEHOLD/b01-0101").equals(r.key()), Duration.ofSeconds(30));
            assertThat(KafkaTestConsumer.value(household)).contains("\"buildingId\":\"b01\"", "\"members\":3");
            var registeredCommunity = communities.await(r -> community.equals(r.key()), Duration.ofSeconds(30));
            assertThat(KafkaTestConsumer.value(registeredCommunity)).contains("\"communityType\":\"NEW_COMMERCIAL\"",
                    "\"timeZone\":\"Asia/Shanghai\"");
        }
    }

    @Test
    void theDirectorySeesAChangeWithinTheRefreshIntervalAndForgetsARetiredDevice() {
        Duration within = settings.refreshInterval().plusSeconds(2);
        await().atMost(within).until(() -> directory.householdExists(community, "b01-0101"));
        assertThat(directory.householdExists(community, "b01-0199")).isFalse();

        register("em-b01-0101", "electricity-meter");
        await().atMost(within).untilAsserted(() -> assertThat(directory.find(community, "em-b01-0101")).hasValue(
                new KnownDevice(community, "em-b01-0101", "electricity-meter", Binding.HOUSEHOLD, "b01-0101", "b01-0101", "b01")));

        assertThat(send(mvc, "POST", base() + "/devices/em-b01-0101/retire", manager, "{}")).hasStatusOk();
        await().atMost(within).until(() -> directory.find(community, "em-b01-0101").isEmpty());
    }

    @Test
    void aWasteBinIsRegisteredWithItsCapacityWhichTheDeviceEventCarries() {
        assertThat(send(mvc, "PUT", base() + "/drop-points/dp1", manager, "{\"name\":\"Drop point 1\"}")).hasStatus(HttpStatus.CREATED);
        try (var devices = new KafkaTestConsumer(EmbeddedInfrastructure.shared().kafka().bootstrapServers(), RegistryTopics.DEVICES)) {
            assertThat(send(mvc, "POST", base() + "/devices", manager, bin("bin-dp1", "25")))
                    .hasStatus(HttpStatus.CREATED).bodyJson().hasPathSatisfying("$.capacityKg", v -> v.assertThat().isEqualTo(25.0));
            var registered = devices.await(r -> (community + "/bin-dp1").equals(r.key()), Duration.ofSeconds(30));
            assertThat(KafkaTestConsumer.value(registered)).contains("\"deviceType\":\"waste-bin\"", "\"capacityKg\":25.000");

            assertThat(send(mvc, "PUT", base() + "/devices/bin-dp1", manager, "{\"model\":\"AI-SORT-4\",\"capacityKg\":40.5}"))
                    .hasStatusOk().bodyJson().hasPathSatisfying("$.capacityKg", v -> v.assertThat().isEqualTo(40.5));
            var changed = devices.await(r -> (community + "/bin-dp1").equals(r.key())
                    && KafkaTestConsumer.value(r).contains("\"capacityKg\":40.500"), Duration.ofSeconds(30));
            assertThat(KafkaTestConsumer.value(changed)).contains("\"model\":\"AI-SORT-4\"");
        }
        // a replacement bin keeps the old one's capacity unless it is given
        assertThat(send(mvc, "POST", base() + "/devices/bin-dp1/replace", manager, "{\"newDeviceId\":\"bin-dp1-2\",\"model\":\"AI-SORT-5\"}"))
                .hasStatus(HttpStatus.CREATED).bodyJson().hasPathSatisfying("$.capacityKg", v -> v.assertThat().isEqualTo(40.5));
        // stated whole: an update without it leaves the bin without a registered capacity
        assertThat(send(mvc, "PUT", base() + "/devices/bin-dp1-2", manager, "{\"model\":\"AI-SORT-5\"}"))
                .hasStatusOk().bodyJson().hasPathSatisfying("$.capacityKg", v -> v.assertThat().isNull());
        // a bin without one
        assertThat(send(mvc, "POST", base() + "/devices", manager, bin("bin-dp1-b", null)))
                .hasStatus(HttpStatus.CREATED).bodyJson().hasPathSatisfying("$.capacityKg", v -> v.assertThat().isNull());
    }

    @Test
    void onlyAWasteBinHasACapacityAboveZeroUpTo2000KgInGrams() {
        assertThat(send(mvc, "PUT", base() + "/drop-points/dp1", manager, "{\"name\":\"Drop point 1\"}")).hasStatus(HttpStatus.CREATED);
        assertThat(send(mvc, "POST", base() + "/devices", manager, """
                {"id":"em-1","type":"electricity-meter","model":"DDZY666","binding":"HOUSEHOLD","boundId":"b01-0101","capacityKg":25}"""))
                .hasStatus(HttpStatus.BAD_REQUEST).hasContentType(MediaType.APPLICATION_PROBLEM_JSON).bodyJson()
                .hasPathSatisfying("$.invalid-params[0].name", v -> v.assertThat().isEqualTo("capacityKg"))
                .hasPathSatisfying("$.invalid-params[0].reason", v -> v.assertThat()
                        .isEqualTo("capacityKg: only a waste-bin has a capacity; this is an electricity-meter"));
        register("em-1", "electricity-meter");
        assertThat(send(mvc, "PUT", base() + "/devices/em-1", manager, "{\"model\":\"DDZY666\",\"capacityKg\":25}"))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                .hasPathSatisfying("$.invalid-params[0].name", v -> v.assertThat().isEqualTo("capacityKg"));
        for (String bad : new String[] {"0", "-5", "2000.001", "12.3456", "1e999999999"}) {
            assertThat(send(mvc, "POST", base() + "/devices", manager, bin("bin-bad", bad))).as(bad)
                    .hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                    .hasPathSatisfying("$.invalid-params[0].name", v -> v.assertThat().isEqualTo("capacityKg"));
        }
        assertThat(get(mvc, base() + "/devices/bin-bad", manager)).as("nothing registered").hasStatus(HttpStatus.NOT_FOUND);
        assertThat(send(mvc, "POST", base() + "/devices", manager, bin("bin-big", "2000"))).hasStatus(HttpStatus.CREATED);
        assertThat(send(mvc, "POST", base() + "/devices", manager, bin("bin-small", "0.001"))).hasStatus(HttpStatus.CREATED);
    }

    @Test
    void aBuildingsSupplyIsMarkedOnOneOfItsAreasWhichThePlaceEventCarries() {
        assertThat(send(mvc, "PUT", base() + "/buildings/b02", manager, "{\"name\":\"Building 2\"}")).hasStatus(HttpStatus.CREATED);
        try (var places = new KafkaTestConsumer(EmbeddedInfrastructure.shared().kafka().bootstrapServers(), RegistryTopics.PLACES)) {
            assertThat(send(mvc, "PUT", base() + "/areas/supply-b01", manager,
                    "{\"name\":\"Supply b01\",\"buildingId\":\"b01\",\"buildingSupply\":true}"))
                    .hasStatus(HttpStatus.CREATED).bodyJson().hasPathSatisfying("$.buildingSupply", v -> v.assertThat().isEqualTo(true));
            var marked = places.await(r -> (community + "/COMMON_AREA/supply-b01").equals(r.key()), Duration.ofSeconds(30));
            assertThat(KafkaTestConsumer.value(marked)).contains("\"buildingId\":\"b01\"", "\"buildingSupply\":true");

            // absent, it stays as it was: renaming the area keeps it the building's supply
            assertThat(send(mvc, "PUT", base() + "/areas/supply-b01", manager, "{\"name\":\"Incoming supply b01\",\"buildingId\":\"b01\"}"))
                    .hasStatusOk().bodyJson().hasPathSatisfying("$.buildingSupply", v -> v.assertThat().isEqualTo(true));
            // one per building: a second area, or a subsystem, of b01 is refused naming the field
            assertThat(send(mvc, "PUT", base() + "/subsystems/lift-b01", manager,
                    "{\"name\":\"Lift b01\",\"kind\":\"LIFT\",\"buildingId\":\"b01\",\"buildingSupply\":true}"))
                    .hasStatus(HttpStatus.BAD_REQUEST).hasContentType(MediaType.APPLICATION_PROBLEM_JSON).bodyJson()
                    .hasPathSatisfying("$.invalid-params[0].name", v -> v.assertThat().isEqualTo("buildingSupply"))
                    .hasPathSatisfying("$.invalid-params[0].reason", v -> v.assertThat().asString()
                            .contains("building b01 already has its supply, common area supply-b01"));
            // another building's subsystem may be its own building's supply
            assertThat(send(mvc, "PUT", base() + "/subsystems/supply-b02", manager,
                    "{\"name\":\"Supply b02\",\"kind\":\"LIGHTING\",\"buildingId\":\"b02\",\"buildingSupply\":true}"))
                    .hasStatus(HttpStatus.CREATED);
            // moving the supply into a building that has one is refused; an area of no building is not a supply
            assertThat(send(mvc, "PUT", base() + "/areas/supply-b01", manager, "{\"name\":\"Supply b01\",\"buildingId\":\"b02\"}"))
                    .hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                    .hasPathSatisfying("$.invalid-params[0].name", v -> v.assertThat().isEqualTo("buildingId"));
            assertThat(send(mvc, "PUT", base() + "/areas/garden", manager, "{\"name\":\"Garden\",\"buildingSupply\":true}"))
                    .hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                    .hasPathSatisfying("$.invalid-params[0].name", v -> v.assertThat().isEqualTo("buildingSupply"));
            // staff read it, but only the manager (or an admin) marks it
            String staff = TestTokens.bearer(TestTokens.staff(community));
            assertThat(get(mvc, base() + "/areas/supply-b01", staff)).hasStatusOk().bodyJson()
                    .hasPathSatisfying("$.buildingSupply", v -> v.assertThat().isEqualTo(true));
            assertThat(send(mvc, "PUT", base() + "/areas/supply-b01", staff,
                    "{\"name\":\"Supply b01\",\"buildingId\":\"b01\",\"buildingSupply\":false}")).hasStatus(HttpStatus.FORBIDDEN);
            assertThat(send(mvc, "PUT", base() + "/areas/supply-b01", TestTokens.bearer(TestTokens.propertyManager("elsewhere")),
                    "{\"name\":\"Supply b01\",\"buildingId\":\"b01\",\"buildingSupply\":false}")).hasStatus(HttpStatus.FORBIDDEN);

            // unmarked, the place event says so, and the building may have another supply
            assertThat(send(mvc, "PUT", base() + "/areas/supply-b01", manager,
                    "{\"name\":\"Supply b01\",\"buildingId\":\"b01\",\"buildingSupply\":false}"))
                    .hasStatusOk().bodyJson().hasPathSatisfying("$.buildingSupply", v -> v.assertThat().isEqualTo(false));
            var unmarked = places.await(r -> (community + "/COMMON_AREA/supply-b01").equals(r.key())
                    && KafkaTestConsumer.value(r).contains("\"buildingSupply\":false"), Duration.ofSeconds(30));
            assertThat(KafkaTestConsumer.value(unmarked)).contains("\"name\":\"Supply b01\"");
            assertThat(send(mvc, "PUT", base() + "/subsystems/lift-b01", manager,
                    "{\"name\":\"Lift b01\",\"kind\":\"LIFT\",\"buildingId\":\"b01\",\"buildingSupply\":true}"))
                    .hasStatus(HttpStatus.CREATED);
        }
    }

    private static String bin(String id, String capacityKg) {
        return """
                {"id":"%s","type":"waste-bin","model":"AI-SORT-4","binding":"DROP_POINT","boundId":"dp1","installedOn":"2026-01-05"%s}"""
                .formatted(id, capacityKg == null ? "" : ",\"capacityKg\":" + capacityKg);
    }

    private void register(String id, String type) {
        assertThat(send(mvc, "POST", base() + "/devices", manager, device(id, type))).hasStatus(HttpStatus.CREATED);
    }

    private static String device(String id, String type) {
        return """
                {"id":"%s","type":"%s","model":"DDZY666","location":"meter box","binding":"HOUSEHOLD","boundId":"b01-0101",
                 "installedOn":"2026-01-05"}""".formatted(id, type);
    }

    private String base() {
        return "/api/sensing/communities/" + community;
    }
}
