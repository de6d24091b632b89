package org.communitycarbon.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalTime;
import java.util.Map;

import org.communitycarbon.model.sensing.WasteKind;
import org.communitycarbon.simulator.community.DeviceFaults;
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
    void devicesNeverFailUnlessAsked() {
        SimulatorOptions options = CommandLine.parse(new String[0], Map.of()).options();

        assertThat(options.community().faults()).isEqualTo(DeviceFaults.NONE);
        assertThat(DeviceFaults.NONE.any()).isFalse();
        assertThat(DeviceFaults.NONE.outageMinutes()).isEqualTo(60);
    }

    @Test
    void readsTheFaultOptionsFromFlagsAndEnvironmentVariables() {
        SimulatorOptions flags = CommandLine.parse(new String[] {"--low-battery-share=0.1", "--outage-share=0.05",
                "--outage-minutes=30", "--glitch-rate=0.02"}, Map.of()).options();
        SimulatorOptions variables = CommandLine.parse(new String[] {"--outage-minutes=90"},
                Map.of("SIMULATOR_LOW_BATTERY_SHARE", "0.2", "SIMULATOR_OUTAGE_SHARE", "1", "SIMULATOR_OUTAGE_MINUTES", "15",
                        "SIMULATOR_GLITCH_RATE", "0")).options();

        assertThat(flags.community().faults()).isEqualTo(new DeviceFaults(0.1, 0.05, 30, 0.02));
        assertThat(flags.toString()).contains("lowBatteryShare=0.1", "outageShare=0.05", "outageMinutes=30", "glitchRate=0.02");
        assertThat(variables.community().faults()).isEqualTo(new DeviceFaults(0.2, 1, 90, 0));
    }

    @Test
    void badFaultOptionsNameTheOptionAndWhatIsAllowed() {
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--outage-share=1.5"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--outage-share").hasMessageContaining("between 0 and 1").hasMessageContaining("1.5");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--glitch-rate=-0.01"}, Map.of()))
                .hasMessageContaining("--glitch-rate").hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--low-battery-share=5%"}, Map.of()))
                .hasMessageContaining("--low-battery-share").hasMessageContaining("not a number");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--outage-minutes=0"}, Map.of()))
                .hasMessageContaining("--outage-minutes").hasMessageContaining("at least 1");
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--outage-minutes=1.5"}, Map.of()))
                .hasMessageContaining("--outage-minutes").hasMessageContaining("not a whole number");
        assertThatThrownBy(() -> CommandLine.parse(new String[0], Map.of("SIMULATOR_GLITCH_RATE", "2")))
                .hasMessageContaining("SIMULATOR_GLITCH_RATE");
        assertThatThrownBy(() -> SimulatorOptions.builder().outageShare(-1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outageShare");
        assertThatThrownBy(() -> SimulatorOptions.builder().outageMinutes(-5).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outageMinutes");
        assertThatThrownBy(() -> SimulatorOptions.builder().glitchRate(1.01).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("glitchRate");
        assertThatThrownBy(() -> SimulatorOptions.builder().lowBatteryShare(Double.NaN).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lowBatteryShare");
    }

    @Test
    void readsTheMasterMetersLossAsAShare() {
        assertThat(CommandLine.parse(new String[0], Map.of()).options().community().masterMeterLoss()).isEqualTo(0.02);
        assertThat(CommandLine.parse(new String[] {"--master-meter-loss=0.03"}, Map.of()).options().community().masterMeterLoss())
                .isEqualTo(0.03);
        assertThat(CommandLine.parse(new String[0], Map.of("SIMULATOR_MASTER_METER_LOSS", "0")).options().community()
                .masterMeterLoss()).isZero();
        assertThatThrownBy(() -> CommandLine.parse(new String[] {"--master-meter-loss=3"}, Map.of()))
                .hasMessageContaining("--master-meter-loss").hasMessageContaining("between 0 and 1");
        assertThat(CommandLine.usage()).contains("--master-meter-loss", "SIMULATOR_MASTER_METER_LOSS");
    }

    @Test
    void helpListsEveryOptionWithItsVariable() {
        assertThat(CommandLine.parse(new String[] {"--help"}, Map.of()).help()).isTrue();
        assertThat(CommandLine.usage()).contains("--mqtt=tcp://localhost:1883", "MQTT_URL", "--speed", "SIMULATOR_SPEED",
                "--households-per-building", "--password", "MQTT_PASSWORD", "--low-battery-share", "SIMULATOR_LOW_BATTERY_SHARE",
                "--outage-share", "SIMULATOR_OUTAGE_SHARE", "--outage-minutes", "SIMULATOR_OUTAGE_MINUTES", "--glitch-rate",
                "SIMULATOR_GLITCH_RATE");
    }
}
