package org.communitycarbon.sensing.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.communitycarbon.model.registry.DeviceStatus;
import org.communitycarbon.model.registry.PlaceKind;
import org.junit.jupiter.api.Test;

class InventoryCsvTest {

    private static final String HEADER = String.join(",", InventoryCsv.COLUMNS) + "\n";
    private static final InventoryCsv.Current EMPTY = InventoryCsv.Current.of(List.of(), List.of());

    @Test
    void readsEveryKindOfLineIntoWhatWouldBeCreated() {
        var plan = plan(read(HEADER + """
                building,b01,Building 1,,,,,,,,,,,,
                household,b01-0101,1-0101,b01,3,,,,,,,,,,
                area,lobby-b01,Lobby,b01,,,,,,,,,,,
                subsystem,lift-b01,Lifts of building 1,b01,,lift,,,,,,,,,
                drop-point,dp1,Drop point 1,,,,,,,,,,,,
                device,em-b01-0101,,,,,electricity-meter,DDZY666,"meter box, floor 1",household,b01-0101,,2026-01-05,,
                """, EMPTY));
        assertThat(plan.places()).extracting(PlaceSpec::kind).containsExactly(PlaceKind.BUILDING, PlaceKind.HOUSEHOLD,
                PlaceKind.COMMON_AREA, PlaceKind.ENERGY_SUBSYSTEM, PlaceKind.DROP_POINT);
        assertThat(plan.devices()).singleElement().satisfies(d -> {
            assertThat(d.location()).isEqualTo("meter box, floor 1");
            assertThat(d.binding()).isEqualTo(Binding.HOUSEHOLD);
            assertThat(d.status()).isEqualTo(DeviceStatus.ACTIVE);
        });
        assertThat(plan.created()).containsEntry("device", 1).containsEntry("subsystem", 1);
    }

    @Test
    void reportsEachBadLineWithItsNumberColumnAndReason() {
        var rejected = (InventoryCsv.Rejected) read(HEADER + """
                building,b01,Building 1,,,,,,,,,,,,
                household,b01-0101,1-0101,b01,0,,,,,,,,,,
                household,b01-0102,1-0102,b09,2,,,,,,,,,,
                device,em-1,,,,,electric-meter,DDZY666,,household,b01-0101,,2026-01-05,,
                device,em-2,,,,,electricity-meter,DDZY666,,household,b01-0199,,2026-01-05,,
                device,em-3,,,,,electricity-meter,DDZY666,,household,b01-0101,RETIRED,2026-01-05,2025-12-31,
                building,b01,Building 1 again,,,,,,,,,,,,
                """, EMPTY);
        assertThat(rejected.errors()).extracting(InventoryCsv.LineError::line, InventoryCsv.LineError::column).containsExactly(
                org.assertj.core.groups.Tuple.tuple(3L, "members"),
                org.assertj.core.groups.Tuple.tuple(4L, "building"),
                org.assertj.core.groups.Tuple.tuple(5L, "device_type"),
                org.assertj.core.groups.Tuple.tuple(6L, "bound_id"),
                org.assertj.core.groups.Tuple.tuple(7L, "retired"),
                org.assertj.core.groups.Tuple.tuple(8L, "id"));
        assertThat(rejected.errors().get(0).reason()).isEqualTo("must be a whole number from 1 to 50, was '0'");
        assertThat(rejected.errors().get(5).reason()).isEqualTo("building b01 appears already on line 2");
        assertThat(rejected.errors().get(3).reason()).isEqualTo("no household b01-0199 in the community or in this file");
        assertThat(rejected.errorCount()).isEqualTo(6);
    }

    @Test
    void refusesUnknownColumnsAndValuesInTheWrongKindOfLine() {
        var unknown = (InventoryCsv.Rejected) read("record,id,colour\n", EMPTY);
        assertThat(unknown.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(1);
            assertThat(e.column()).isEqualTo("colour");
        });
        var misplaced = (InventoryCsv.Rejected) read(HEADER + "building,b01,Building 1,,4,,,DDZY666,,,,,,,\n", EMPTY);
        assertThat(misplaced.errors()).extracting(InventoryCsv.LineError::column).containsExactly("model", "members");
    }

    @Test
    void listsAtMostTheBoundButCountsEveryBadLine() {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 250; i++) {
            csv.append("building,b").append(i).append(",,,,,,,,,,,,,\n");
        }
        var rejected = (InventoryCsv.Rejected) InventoryCsv.read(csv.toString(), EMPTY, 20_000, 100);
        assertThat(rejected.errorCount()).isEqualTo(250);
        assertThat(rejected.errors()).hasSize(100);
    }

    @Test
    void refusesMoreLinesThanAllowed() {
        String csv = HEADER + "building,b1,B,,,,,,,,,,,,\nbuilding,b2,B,,,,,,,,,,,,\nbuilding,b3,B,,,,,,,,,,,,\n";
        assertThatThrownBy(() -> InventoryCsv.read(csv, EMPTY, 2, 100)).isInstanceOf(InventoryCsv.TooManyLines.class);
    }

    @Test
    void aFileThatStatesWhatIsRegisteredChangesNothing() {
        var current = registered();
        String exported = InventoryCsv.write(current.places(), current.devices());
        var plan = plan(read(exported, InventoryCsv.Current.of(current.places(), current.devices())));
        assertThat(plan.places()).isEmpty();
        assertThat(plan.devices()).isEmpty();
        assertThat(plan.unchanged()).containsEntry("building", 1).containsEntry("household", 1).containsEntry("device", 2);
    }

    @Test
    void aNewMeterThatReplacesAnActiveOneRetiresItOnItsInstallationDay() {
        var current = registered();
        var plan = plan(read(HEADER + "device,em-new,,,,,electricity-meter,DDZY888,,household,b01-0101,,2026-03-01,,em-old\n",
                InventoryCsv.Current.of(current.places(), current.devices())));
        assertThat(plan.devices()).extracting(DeviceSpec::id, DeviceSpec::status, DeviceSpec::retiredOn).containsExactly(
                org.assertj.core.groups.Tuple.tuple("em-new", DeviceStatus.ACTIVE, null),
                org.assertj.core.groups.Tuple.tuple("em-old", DeviceStatus.RETIRED, LocalDate.parse("2026-03-01")));
    }

    @Test
    void aReplacementServesTheSamePlaceAndARetiredDeviceStaysRetired() {
        var current = registered();
        var now = InventoryCsv.Current.of(current.places(), current.devices());
        var otherPlace = (InventoryCsv.Rejected) read(HEADER + """
                household,b01-0102,1-0102,b01,2,,,,,,,,,,
                device,em-new,,,,,electricity-meter,DDZY888,,household,b01-0102,,2026-03-01,,em-old
                """, now);
        assertThat(otherPlace.errors()).singleElement().satisfies(e -> assertThat(e.reason())
                .isEqualTo("device em-old serves household b01-0101; its replacement must serve the same place"));
        var revived = (InventoryCsv.Rejected) read(HEADER + "device,wm-old,,,,,water-meter,LXS-15,,household,b01-0101,ACTIVE,2025-01-01,,\n", now);
        assertThat(revived.errors()).singleElement().satisfies(e -> assertThat(e.column()).isEqualTo("status"));
    }

    @Test
    void aBinsCapacityIsReadWrittenAndKeptByAFileWithoutTheColumn() {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        List<Place> places = List.of(new Place(PlaceKind.DROP_POINT, "dp1", "Drop point 1", null, null, null, false, 1, at));
        List<Device> devices = List.of(new Device("bin-dp1", "waste-bin", "AI-SORT-4", null, Binding.DROP_POINT, "dp1",
                DeviceStatus.ACTIVE, LocalDate.parse("2025-01-10"), null, null, 2, at, new java.math.BigDecimal("25.000")));
        var now = InventoryCsv.Current.of(places, devices);

        String exported = InventoryCsv.write(places, devices);
        assertThat(exported).contains("device,bin-dp1,,,,,waste-bin,AI-SORT-4,,drop-point,dp1,ACTIVE,2025-01-10,,,25\n");
        assertThat(plan(read(exported, now)).devices()).as("the export states what is registered").isEmpty();

        var changed = plan(read(HEADER + "device,bin-dp1,,,,,waste-bin,AI-SORT-4,,drop-point,dp1,,2025-01-10,,,30.5\n", now));
        assertThat(changed.devices()).singleElement().satisfies(d -> assertThat(d.capacityKg()).isEqualByComparingTo("30.5"));
        var cleared = plan(read(HEADER + "device,bin-dp1,,,,,waste-bin,AI-SORT-4,,drop-point,dp1,,2025-01-10,,,\n", now));
        assertThat(cleared.devices()).singleElement().satisfies(d -> assertThat(d.capacityKg()).isNull());
        String withoutColumn = "record,id,device_type,model,binding,bound_id,installed\n"
                + "device,bin-dp1,waste-bin,AI-SORT-4 v2,drop-point,dp1,2025-01-10\n";
        assertThat(plan(read(withoutColumn, now)).devices()).singleElement()
                .satisfies(d -> assertThat(d.capacityKg()).as("kept").isEqualByComparingTo("25"));

        var refused = (InventoryCsv.Rejected) read(HEADER + """
                device,bin-dp2,,,,,waste-bin,AI-SORT-4,,drop-point,dp1,,2025-01-10,,,0
                device,bin-dp3,,,,,waste-bin,AI-SORT-4,,drop-point,dp1,,2025-01-10,,,12.3456
                device,bin-dp4,,,,,waste-bin,AI-SORT-4,,drop-point,dp1,,2025-01-10,,,lots
                device,em-dp1,,,,,electricity-meter,DDZY666,,drop-point,dp1,,2025-01-10,,,25
                drop-point,dp2,Drop point 2,,,,,,,,,,,,,25
                """, now);
        assertThat(refused.errors()).extracting(InventoryCsv.LineError::line, InventoryCsv.LineError::column).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2L, "capacity_kg"), org.assertj.core.groups.Tuple.tuple(3L, "capacity_kg"),
                org.assertj.core.groups.Tuple.tuple(4L, "capacity_kg"), org.assertj.core.groups.Tuple.tuple(5L, "capacity_kg"),
                org.assertj.core.groups.Tuple.tuple(6L, "capacity_kg"));
        assertThat(refused.errors().get(3).reason()).isEqualTo("only a waste-bin has a capacity; this is an electricity-meter");
        assertThat(refused.errors().get(4).reason()).isEqualTo("is for device lines only");
    }

    @Test
    void aFileKeepsABuildingsSupplyAndCannotMoveItToAnotherBuilding() {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        List<Place> places = List.of(new Place(PlaceKind.BUILDING, "b01", "Building 1", null, null, null, false, 1, at),
                new Place(PlaceKind.BUILDING, "b02", "Building 2", null, null, null, false, 2, at),
                new Place(PlaceKind.COMMON_AREA, "supply-b01", "Supply b01", "b01", null, null, true, 3, at));
        var now = InventoryCsv.Current.of(places, List.of());

        assertThat(plan(read(InventoryCsv.write(places, List.of()), now)).places()).as("the export states what is registered").isEmpty();
        var renamed = plan(read(HEADER + "area,supply-b01,Incoming supply b01,b01,,,,,,,,,,,,\n", now));
        assertThat(renamed.places()).singleElement().satisfies(p -> assertThat(p.buildingSupply()).as("kept").isTrue());
        var moved = (InventoryCsv.Rejected) read(HEADER + "area,supply-b01,Supply b01,b02,,,,,,,,,,,,\n", now);
        assertThat(moved.errors()).singleElement().satisfies(e -> {
            assertThat(e.column()).isEqualTo("building");
            assertThat(e.reason()).startsWith("area supply-b01 is the supply of building b01");
        });
    }

    @Test
    void readsTwoThousandDevicesInWellUnderASecond() {
        StringBuilder csv = new StringBuilder(HEADER).append("building,b01,Building 1,,,,,,,,,,,,\n");
        for (int i = 0; i < 2000; i++) {
            csv.append("household,h").append(i).append(",H ").append(i).append(",b01,2,,,,,,,,,,\n");
            csv.append("device,em-").append(i).append(",,,,,electricity-meter,DDZY666,,household,h").append(i)
                    .append(",,2026-01-05,,\n");
        }
        long start = System.nanoTime();
        var plan = plan(read(csv.toString(), EMPTY));
        assertThat(plan.devices()).hasSize(2000);
        assertThat((System.nanoTime() - start) / 1_000_000).as("milliseconds").isLessThan(1000);
    }

    private static InventoryCsv.Outcome read(String csv, InventoryCsv.Current current) {
        return InventoryCsv.read(csv, current, 20_000, 100);
    }

    private static InventoryCsv.Plan plan(InventoryCsv.Outcome outcome) {
        assertThat(outcome).as("%s", outcome).isInstanceOf(InventoryCsv.Plan.class);
        return (InventoryCsv.Plan) outcome;
    }

    private record Registered(List<Place> places, List<Device> devices) {
    }

    private static Registered registered() {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        List<Place> places = new ArrayList<>();
        places.add(new Place(PlaceKind.BUILDING, "b01", "Building 1", null, null, null, false, 1, at));
        places.add(new Place(PlaceKind.HOUSEHOLD, "b01-0101", "1-0101", "b01", 3, null, false, 2, at));
        List<Device> devices = List.of(
                new Device("em-old", "electricity-meter", "DDZY666", "meter box", Binding.HOUSEHOLD, "b01-0101", DeviceStatus.ACTIVE,
                        LocalDate.parse("2025-01-01"), null, null, 3, at, null),
                new Device("wm-old", "water-meter", "LXS-15", null, Binding.HOUSEHOLD, "b01-0101", DeviceStatus.RETIRED,
                        LocalDate.parse("2025-01-01"), LocalDate.parse("2025-06-01"), null, 4, at, null));
        return new Registered(places, devices);
    }
}
