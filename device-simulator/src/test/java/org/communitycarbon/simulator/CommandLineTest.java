package org.communitycarbon.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalTime;
import java.util.Map;

import org.communitycarbon.model.sensing.WasteKind;
import org.communitycarbon.simulator.community.TimeWindow;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void withoutArgumentsRunsTheReferenceDeploymentAgainstALocalBroker() {
        SimulatorOptions options = CommandLine.parse(new String[0], Map.of()).options();

        assertThat(options.mqttUrl()).isEqualTo("tcp://localhost:1883");
        assertThat(options.communityId()).isEqualTo("maple-court");
        assertThat(options.speed()).isEqualTo(1.0);
        assertThat(options.buildings()).isEqualTo(8);
        assertThat(options.householdsPerBuilding()).isEqualTo(48);
        assertThat(options.seed()).isEqualTo(42);
        assertThat(options.username()).isNull();
        assertThat(options.password()).isNull();
        assertThat(options.simulatedStart()).isNull();
    }

    @Test
    void readsTheDocumentedFlags() {
        SimulatorOptions options = CommandLine.parse(new String[] {"--mqtt=tcp://broker:1884", "--community=elm-park",
                "--speed=60", "--buildings=2", "--households-per-building=12", "--seed=7", "--username=sim",
                "--password=s3cret", "--drop-windows=06:30-08:30,19:00-21:00", "--collections=09:00",
                "--perishable-bin-kg=45", "--start=2026-06-01T17:55"}, Map.of()).options();

        assertThat(options.mqttUrl()).isEqualTo("tcp://broker:1884");
        assertThat(options.communityId()).isEqualTo("elm-park");
        assertThat(options.speed()).isEqualTo(60.0);
        assertThat(options.buildings()).isEqualTo(2);
        assertThat(options.householdsPerBuilding()).isEqualTo(12);
        assertThat(options.seed()).isEqualTo(7);
        assertThat(options.username()).isEqualTo("sim");
        assertThat(options.password()).isEqualTo("s3cret");
        assertThat(options.toString()).doesNotContain("s3cret");
        assertThat(options.community().dropWindows())
                .containsExactly(TimeWindow.parse("06:30-08:30"), TimeWindow.parse("19:00-21:00"));
        assertThat(options.community().collectionTimes()).containsExactly(LocalTime.of(9, 0));
        assertThat(options.community().binCapacityKg(WasteKind.PERISHABLE)).isEqualTo(45.0);
        assertThat(options.simulatedStart()).isEqualTo(Instant.parse("2026-06-01T09:55:00Z"));
    }

    @Test
    void environmentVariablesApplyUnlessAFlagOverridesThem() {
        SimulatorOptions options = CommandLine.parse(new String[] {"--speed=10"},
                Map.of("MQTT_URL", "tcp://mosquitto:1883", "SIMULATOR_SPEED", "60", "MQTT_USERNAME", "simulator",
                        "MQTT_PASSWORD", "pw", "SIMULATOR_COMMUNITY", "birch-yard")).options();

        assertThat(options.mqttUrl()).isEqualTo("tcp://mosquitto:1883");
        assertThat(options.speed()).isEqualTo(10.0);
        assertThat(options.username()).isEqualTo("simulator");
        assertThat(options.password()).isEqualTo("pw");
        assertThat(options.communityId()).isEqualTo("birch-yard");
    }

    @Test
    void emptyCredentialsMeanNone() {
        SimulatorOptions options = CommandLine.parse(new String[] {"--username=", "--password="}, Map.of()).options();

        assertThat(options.username()).isNull();
        assertThat(options.password()).isNull();
    }

    @Test
    void badInputNamesTheOption() {
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--speed=fast"}, Map.of()))
                .hasMessageContaining("--speed").hasMessageContaining("not a number");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--speed=0"}, Map.of()))
                .hasMessageContaining("speed");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--buildings=120"}, Map.of()))
                .hasMessageContaining("buildings");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--community=maple court"}, Map.of()))
                .hasMessageContaining("communityId");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--colour=red"}, Map.of()))
                .hasMessageContaining("unknown option --colour");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--drop-windows=9-7"}, Map.of()))
                .hasMessageContaining("--drop-windows");
        assertThatThrownBy(() -> CommandLine.parse(new String[0], Map.of("SIMULATOR_SEED", "x")))
                .hasMessageContaining("SIMULATOR_SEED");
    }

    @Test
    void helpListsEveryOptionWithItsVariable() {
        assertThat(CommandLine.parse(new String[] {"--help"}, Map.of()).help()).isTrue();
        assertThat(CommandLine.usage()).contains("--mqtt=tcp://localhost:1883", "MQTT_URL", "--speed", "SIMULATOR_SPEED",
                "--households-per-building", "--password", "MQTT_PASSWORD");
    }
}
