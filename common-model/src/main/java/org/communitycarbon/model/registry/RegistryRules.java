package org.communitycarbon.model.registry;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.device.DeviceType;
import org.jspecify.annotations.Nullable;

/**
 * The rules of the registry's values, shared by its events, its REST API and its CSV import; each check
 * throws a {@link ContractViolation} naming the field. The lengths are those of the registry's columns.
 */
public final class RegistryRules {

    /** Names of communities and places. */
    public static final int MAX_NAME = 100;
    /** A device's make and model. */
    public static final int MAX_MODEL = 100;
    /** Where a device is installed, for the people who service it. */
    public static final int MAX_LOCATION = 200;
    /** Members of one household. */
    public static final int MAX_MEMBERS = 50;
    /** The largest capacity a waste bin may be registered with, in kg: a 1,100-litre container of wet waste is about 600 kg. */
    public static final BigDecimal MAX_CAPACITY_KG = new BigDecimal("2000");
    /** Decimal places of a capacity: grams, as weights of drops. The registry stores it as {@code numeric(7,3)}. */
    public static final int CAPACITY_SCALE = 3;
    /** The only device type with a capacity. */
    public static final String WASTE_BIN = "waste-bin";

    /**
     * Grid regions, whose emission factor applies to a community's electricity: China's regional grids, or
     * {@code national} for the national average.
     */
    public static final List<String> GRID_REGIONS = List.of("national", "north-china", "northeast-china", "east-china",
            "central-china", "northwest-china", "south-china", "southwest-china");

    private RegistryRules() {
    }

    public static String name(@Nullable String value, String field) {
        return Require.text(value, field, MAX_NAME);
    }

    public static String model(@Nullable String value, String field) {
        return Require.text(value, field, MAX_MODEL);
    }

    public static @Nullable String location(@Nullable String value, String field) {
        return value == null ? null : Require.text(value, field, MAX_LOCATION);
    }

    public static String region(@Nullable String value, String field) {
        Require.present(value, field);
        if (!GRID_REGIONS.contains(value)) {
            throw new ContractViolation(field, "must be one of " + String.join(", ", GRID_REGIONS) + ", was '"
                    + Require.abbreviate(value, 40) + "'");
        }
        return value;
    }

    /** An IANA time zone such as {@code Asia/Shanghai}; fixed offsets are refused. */
    public static String timeZone(@Nullable String value, String field) {
        Require.present(value, field);
        try {
            if (value.length() <= 64 && !(ZoneId.of(value) instanceof ZoneOffset) && value.contains("/")) {
                return value;
            }
        }
        catch (DateTimeException e) {
            // refused below
        }
        throw new ContractViolation(field, "must be an IANA time zone such as Asia/Shanghai, was '" + Require.abbreviate(value, 40) + "'");
    }

    public static int members(@Nullable Integer value, String field) {
        Require.present(value, field);
        if (value < 1 || value > MAX_MEMBERS) {
            throw new ContractViolation(field, "must be between 1 and " + MAX_MEMBERS + ", was " + value);
        }
        return value;
    }

    /** A device type as named in MQTT topics: {@code electricity-meter}, {@code waste-bin}... */
    public static DeviceType deviceType(@Nullable String slug, String field) {
        Require.present(slug, field);
        for (DeviceType type : DeviceType.values()) {
            if (type.slug().equals(slug)) {
                return type;
            }
        }
        throw new ContractViolation(field, "must be one of " + String.join(", ",
                java.util.Arrays.stream(DeviceType.values()).map(DeviceType::slug).toList()) + ", was '"
                + Require.abbreviate(slug, 40) + "'");
    }

    /**
     * A waste bin's capacity in kg, optional: above 0, at most {@value #CAPACITY_SCALE} decimal places (refused rather than
     * rounded), at most {@link #MAX_CAPACITY_KG}; any other type of device has none.
     */
    public static @Nullable BigDecimal capacityKg(@Nullable String deviceType, @Nullable BigDecimal value, String field) {
        if (value == null) {
            return null;
        }
        if (!WASTE_BIN.equals(deviceType)) {
            throw new ContractViolation(field, "only a " + WASTE_BIN + " has a capacity; this is a"
                    + (deviceType == null ? " device of no type" : (startsWithVowel(deviceType) ? "n " : " ") + deviceType));
        }
        Require.positive(value, field, MAX_CAPACITY_KG);
        if (value.scale() > CAPACITY_SCALE) {
            throw new ContractViolation(field, "must have at most " + CAPACITY_SCALE + " decimal places, was " + Require.show(value));
        }
        return value;
    }

    private static boolean startsWithVowel(String text) {
        return !text.isEmpty() && "aeiou".indexOf(Character.toLowerCase(text.charAt(0))) >= 0;
    }

    /** What a place of each kind carries besides its id and name. */
    public static void placeShape(PlaceKind kind, @Nullable String buildingId, @Nullable Integer members,
            @Nullable SubsystemKind subsystemKind) {
        if (kind == PlaceKind.BUILDING) {
            mustBeAbsent(buildingId, "buildingId", "for a building");
        }
        else if (kind == PlaceKind.HOUSEHOLD) {
            Require.identifier(buildingId, "buildingId");
        }
        else {
            Require.optionalIdentifier(buildingId, "buildingId");
        }
        if (kind == PlaceKind.HOUSEHOLD) {
            members(members, "members");
        }
        else {
            mustBeAbsent(members, "members", "except for a household");
        }
        if (kind == PlaceKind.ENERGY_SUBSYSTEM) {
            Require.present(subsystemKind, "subsystemKind");
        }
        else {
            mustBeAbsent(subsystemKind, "subsystemKind", "except for an energy subsystem");
        }
    }

    /**
     * Only a common area or energy subsystem of a building can be its building's incoming supply (whose electricity
     * meter is the building's master meter).
     */
    public static void buildingSupply(PlaceKind kind, @Nullable String buildingId, boolean buildingSupply, String field) {
        if (!buildingSupply) {
            return;
        }
        if (kind != PlaceKind.COMMON_AREA && kind != PlaceKind.ENERGY_SUBSYSTEM) {
            throw new ContractViolation(field, "only a common area or energy subsystem is a building's supply; this is a "
                    + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        }
        if (buildingId == null) {
            throw new ContractViolation(field, "a building's supply belongs to a building: buildingId is required");
        }
    }

    private static void mustBeAbsent(@Nullable Object value, String field, String when) {
        if (value != null) {
            throw new ContractViolation(field, "must be absent " + when);
        }
    }
}
