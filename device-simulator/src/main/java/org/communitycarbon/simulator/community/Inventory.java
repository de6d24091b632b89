package org.communitycarbon.simulator.community;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.communitycarbon.model.device.DeviceType;
import org.communitycarbon.model.registry.PlaceKind;
import org.communitycarbon.model.registry.SubsystemKind;
import org.communitycarbon.model.sensing.WasteKind;
import org.jspecify.annotations.Nullable;

/**
 * What a community registers with the platform before its devices may speak: its buildings, households, common
 * areas and drop points, and every device with what it is bound to. The simulator registers its community with
 * it ({@link #of(Community)}); {@link #tryout(String)} adds the devices the README and docs/mqtt-api.md publish
 * from by hand.
 */
public record Inventory(String communityId, List<Place> places, List<Device> devices) {

    /**
     * A building, household, common area, energy subsystem or drop point.
     *
     * @param buildingId the building of a household or of an area that belongs to one
     * @param members a household's members
     * @param subsystemKind what an energy subsystem does
     */
    public record Place(PlaceKind kind, String id, String name, @Nullable String buildingId, @Nullable Integer members,
            @Nullable SubsystemKind subsystemKind) {

        public Place(PlaceKind kind, String id, String name, @Nullable String buildingId, @Nullable Integer members) {
            this(kind, id, name, buildingId, members, null);
        }

        /** An energy subsystem, in a building or not. */
        public static Place subsystem(String id, String name, SubsystemKind kind, @Nullable String buildingId) {
            return new Place(PlaceKind.ENERGY_SUBSYSTEM, id, name, buildingId, null, kind);
        }
    }

    /** A device, bound to a place. */
    public record Device(String id, DeviceType type, String model, PlaceKind boundKind, String boundId, String location) {
    }

    public Inventory {
        places = List.copyOf(places);
        devices = List.copyOf(devices);
    }

    /** The simulated community's places and devices. */
    public static Inventory of(Community community) {
        Map<String, Place> places = new LinkedHashMap<>();
        for (Household household : community.households()) {
            places.putIfAbsent(household.buildingId(), new Place(PlaceKind.BUILDING, household.buildingId(),
                    "Building " + Integer.parseInt(household.buildingId().substring(1)), null, null));
        }
        for (Household household : community.households()) {
            places.put(household.id(), new Place(PlaceKind.HOUSEHOLD, household.id(), "Unit " + household.id(),
                    household.buildingId(), members(household)));
        }
        for (Place subsystem : community.subsystems()) {
            places.put(subsystem.id(), subsystem);
        }
        List<Device> devices = new ArrayList<>();
        for (SimulatedDevice device : community.devices()) {
            SimulatedDevice.Installation installation = device.installation();
            if (!places.containsKey(installation.boundId())) {
                places.put(installation.boundId(), place(installation.boundKind(), installation.boundId()));
            }
            devices.add(new Device(device.deviceId(), device.type(), installation.model(), installation.boundKind(),
                    installation.boundId(), installation.location()));
        }
        return new Inventory(community.spec().communityId(), List.copyOf(places.values()), devices);
    }

    /**
     * Building 9, which the simulation does not have: household {@code b09-0101} with its electricity, water and gas
     * meters, a PV meter on its roof, drop point {@code dp9} with a bin per waste kind, environment sensors at
     * its lobby and at the gate, and a lighting controller {@code lc-b09} (subsystem {@code lighting-b09}) and a pump
     * controller {@code pc-b09} (subsystem {@code pumps-b09}) — the devices the README and docs/mqtt-api.md publish from with mosquitto_pub.
     */
    public static Inventory tryout(String communityId) {
        List<Place> places = List.of(
                new Place(PlaceKind.BUILDING, "b09", "Building 9", null, null),
                new Place(PlaceKind.HOUSEHOLD, "b09-0101", "Unit b09-0101", "b09", 3),
                new Place(PlaceKind.COMMON_AREA, "roof-b09", "Roof of building 9", "b09", null),
                new Place(PlaceKind.COMMON_AREA, "lobby-b09", "Lobby of building 9", "b09", null),
                new Place(PlaceKind.COMMON_AREA, "gate", "Main gate", null, null),
                Place.subsystem("lighting-b09", "Public lighting of building 9", SubsystemKind.LIGHTING, "b09"),
                Place.subsystem("pumps-b09", "Water pumps of building 9", SubsystemKind.WATER_PUMP, "b09"),
                new Place(PlaceKind.DROP_POINT, "dp9", "Drop point 9", null, null));
        List<Device> devices = new ArrayList<>(List.of(
                new Device("em-b09-0101", DeviceType.ELECTRICITY_METER, "DDZY-22C smart electricity meter", PlaceKind.HOUSEHOLD,
                        "b09-0101", "meter box, b09-0101"),
                new Device("wm-b09-0101", DeviceType.WATER_METER, "LXSY-20E ultrasonic water meter", PlaceKind.HOUSEHOLD,
                        "b09-0101", "meter box, b09-0101"),
                new Device("gm-b09-0101", DeviceType.GAS_METER, "G2.5 smart gas meter", PlaceKind.HOUSEHOLD, "b09-0101",
                        "meter box, b09-0101"),
                new Device("pv-b09", DeviceType.PV_METER, "SUN2000 PV inverter meter", PlaceKind.COMMON_AREA, "roof-b09", "roof-b09"),
                new Device("env-b09", DeviceType.ENVIRONMENT_SENSOR, "outdoor air-quality station", PlaceKind.COMMON_AREA,
                        "lobby-b09", "lobby-b09"),
                new Device("env-gate", DeviceType.ENVIRONMENT_SENSOR, "outdoor air-quality station", PlaceKind.COMMON_AREA, "gate",
                        "gate"),
                new Device("lc-b09", DeviceType.LIGHTING_CONTROLLER, "smart lighting controller", PlaceKind.ENERGY_SUBSYSTEM,
                        "lighting-b09", "lighting cabinet, b09"),
                new Device("pc-b09", DeviceType.LOAD_CONTROLLER, "pump controller", PlaceKind.ENERGY_SUBSYSTEM, "pumps-b09",
                        "pump room, b09"),
                // weighs pickups' goods for the collectors (docs/recycling.md#connected-scales); it speaks only when used
                new Device("scale-dp9", DeviceType.RECYCLING_SCALE, "connected platform scale, 300 kg", PlaceKind.DROP_POINT, "dp9",
                        "recycling station, drop point dp9")));
        for (WasteKind kind : WasteKind.values()) {
            devices.add(new Device(SortingBin.deviceId("dp9", kind), DeviceType.WASTE_BIN,
                    "AI sorting bin, " + kind.name().toLowerCase(Locale.ROOT), PlaceKind.DROP_POINT, "dp9", "drop point dp9"));
        }
        return new Inventory(communityId, places, devices);
    }

    /** This inventory and that one's places and devices, for one community. */
    public Inventory with(Inventory more) {
        List<Place> allPlaces = new ArrayList<>(places);
        allPlaces.addAll(more.places);
        List<Device> allDevices = new ArrayList<>(devices);
        allDevices.addAll(more.devices);
        return new Inventory(communityId, allPlaces, allDevices);
    }

    /** The day the simulated devices count as installed. */
    static final String INSTALLED = "2024-01-01";

    /**
     * The inventory in the platform's CSV import format (docs/devices.md): places first, buildings before what is in
     * them, then devices.
     */
    public String toCsv() {
        StringBuilder csv = new StringBuilder(
                "record,id,name,building,members,subsystem_kind,device_type,model,location,binding,bound_id,status,installed,retired,replaces\n");
        for (PlaceKind kind : List.of(PlaceKind.BUILDING, PlaceKind.HOUSEHOLD, PlaceKind.COMMON_AREA, PlaceKind.ENERGY_SUBSYSTEM,
                PlaceKind.DROP_POINT)) {
            for (Place place : places) {
                if (place.kind() == kind) {
                    csv.append(record(kind)).append(',').append(place.id()).append(',').append(quoted(place.name())).append(',')
                            .append(place.buildingId() == null ? "" : place.buildingId()).append(',')
                            .append(place.members() == null ? "" : place.members()).append(',')
                            .append(place.subsystemKind() == null ? "" : place.subsystemKind().name()).append(",,,,,,,,,\n");
                }
            }
        }
        for (Device device : devices) {
            csv.append("device,").append(device.id()).append(",,,,,").append(device.type().slug()).append(',')
                    .append(quoted(device.model())).append(',').append(quoted(device.location())).append(',')
                    .append(record(device.boundKind())).append(',').append(device.boundId()).append(",ACTIVE,").append(INSTALLED)
                    .append(",,\n");
        }
        return csv.toString();
    }

    private static String record(PlaceKind kind) {
        return switch (kind) {
            case BUILDING -> "building";
            case HOUSEHOLD -> "household";
            case COMMON_AREA -> "area";
            case ENERGY_SUBSYSTEM -> "subsystem";
            case DROP_POINT -> "drop-point";
        };
    }

    private static String quoted(String text) {
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    private static Place place(PlaceKind kind, String id) {
        String building = SimulatedDevice.Installation.buildingOf(kind, id);
        String name = switch (kind) {
            case DROP_POINT -> "Drop point " + id.substring(2);
            case COMMON_AREA -> id.startsWith("roof-") ? "Roof of building " + Integer.parseInt(id.substring(6))
                    : id.startsWith("lobby-") ? "Lobby of building " + Integer.parseInt(id.substring(7))
                    : id.startsWith("supply-") ? "Incoming supply of building " + Integer.parseInt(id.substring(8))
                    : Character.toUpperCase(id.charAt(0)) + id.substring(1);
            default -> id;
        };
        return new Place(kind, id, name, building, null);
    }

    /** Between one and six members, larger households using more water. */
    private static int members(Household household) {
        return Math.max(1, Math.min(6, (int) Math.round(2.6 * household.waterFactor())));
    }
}
