package org.communitycarbon.sensing;

import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.communitycarbon.model.device.DeviceType;
import org.communitycarbon.model.registry.PlaceKind;
import org.communitycarbon.sensing.registry.DeviceDirectory;
import org.communitycarbon.simulator.community.Inventory;
import org.communitycarbon.testing.TestTokens;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Registers what a test's devices are, through the registry's own API as an admin, before they speak: the
 * community, its households, places and devices.
 */
public final class TestRegistry {

    private final MockMvc mvc;
    private final String community;
    private final Map<String, Inventory.Place> places = new LinkedHashMap<>();
    private final List<Inventory.Device> devices = new ArrayList<>();

    private TestRegistry(MockMvc mvc, String community) {
        this.mvc = mvc;
        this.community = community;
        places.put("b01", new Inventory.Place(PlaceKind.BUILDING, "b01", "Building 1", null, null));
    }

    public static TestRegistry of(MockMvc mvc, String community) {
        return new TestRegistry(mvc, community);
    }

    public TestRegistry household(String householdId) {
        places.putIfAbsent(householdId, new Inventory.Place(PlaceKind.HOUSEHOLD, householdId, "Unit " + householdId, "b01", 3));
        return this;
    }

    /** A meter serving a household. */
    public TestRegistry meter(String deviceId, DeviceType type, String householdId) {
        household(householdId);
        devices.add(new Inventory.Device(deviceId, type, "test meter", PlaceKind.HOUSEHOLD, householdId, "meter box"));
        return this;
    }

    /** A sorting bin at a drop point. */
    public TestRegistry bin(String deviceId, String dropPointId) {
        places.putIfAbsent(dropPointId, new Inventory.Place(PlaceKind.DROP_POINT, dropPointId, "Drop point " + dropPointId, null, null));
        devices.add(new Inventory.Device(deviceId, DeviceType.WASTE_BIN, "test bin", PlaceKind.DROP_POINT, dropPointId, dropPointId));
        return this;
    }

    /** A connected recycling scale at a drop point (the recycling station). */
    public TestRegistry scale(String deviceId, String dropPointId) {
        places.putIfAbsent(dropPointId, new Inventory.Place(PlaceKind.DROP_POINT, dropPointId, "Drop point " + dropPointId, null, null));
        devices.add(new Inventory.Device(deviceId, DeviceType.RECYCLING_SCALE, "test scale", PlaceKind.DROP_POINT, dropPointId, dropPointId));
        return this;
    }

    /**
     * Registers the community, if new, and everything added, waits until ingest's directory knows every device, and
     * returns the community id.
     */
    public String register(DeviceDirectory directory) throws Exception {
        String admin = TestTokens.bearer(TestTokens.admin());
        MvcResult existing = mvc.perform(get("/api/sensing/communities/" + community).header(HttpHeaders.AUTHORIZATION, admin)).andReturn();
        if (existing.getResponse().getStatus() == 404) {
            expectSuccess(mvc.perform(post("/api/sensing/communities").header(HttpHeaders.AUTHORIZATION, admin)
                    .contentType(MediaType.APPLICATION_JSON)
                    .content("{\"id\":\"" + community + "\",\"name\":\"Test community\",\"type\":\"OLDER\",\"region\":\"national\","
                            + "\"timeZone\":\"Asia/Shanghai\"}")).andReturn());
        }
        String csv = new Inventory(community, List.copyOf(places.values()), devices).toCsv();
        expectSuccess(mvc.perform(post("/api/sensing/communities/" + community + "/inventory").header(HttpHeaders.AUTHORIZATION, admin)
                .contentType("text/csv").content(csv)).andReturn());
        await().atMost(Duration.ofSeconds(20)).until(() -> devices.stream().allMatch(d -> directory.find(community, d.id()).isPresent()));
        return community;
    }

    private static void expectSuccess(MvcResult result) throws Exception {
        if (result.getResponse().getStatus() / 100 != 2) {
            throw new IllegalStateException("registry refused: " + result.getResponse().getStatus() + " "
                    + result.getResponse().getContentAsString());
        }
    }
}
