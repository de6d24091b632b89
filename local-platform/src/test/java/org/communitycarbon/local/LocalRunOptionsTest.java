package org.communitycarbon.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.communitycarbon.simulator.community.DeviceFaults;
import org.junit.jupiter.api.Test;

/** The local run's command line: speed, no simulator, and the simulator's device faults. */
class LocalRunOptionsTest {

    @Test
    void passesTheDeviceFaultsToTheSimulator() {
        LocalPlatform.Settings settings = LocalPlatform.parse(new String[] {"--speed=10", "--low-battery-share=0.1",
                "--outage-share=0.05", "--outage-minutes=600", "--glitch-rate=0.01"});
        assertThat(settings.simulator()).isNotNull();
        assertThat(settings.simulator().speed()).isEqualTo(10);
        DeviceFaults faults = settings.simulator().community().faults();
        assertThat(faults.lowBatteryShare()).isEqualTo(0.1);
        assertThat(faults.outageShare()).isEqualTo(0.05);
        assertThat(faults.outageMinutes()).isEqualTo(600);
        assertThat(faults.glitchRate()).isEqualTo(0.01);
    }

    @Test
    void passesWhatTheMonitoringRulesWatchToTheSimulator() {
        var community = LocalPlatform.parse(new String[] {"--lighting-ignore-share=0.25", "--pm25-spike-chance=1",
                "--noisy-night-chance=0"}).simulator().community();
        assertThat(community.lightingIgnoreShare()).isEqualTo(0.25);
        assertThat(community.episodes().pm25SpikeChance()).isEqualTo(1.0);
        assertThat(community.episodes().noisyNightChance()).isEqualTo(0.0);
    }

    @Test
    void withoutOptionsNothingFails() {
        assertThat(LocalPlatform.parse(new String[0]).simulator().community().faults()).isEqualTo(DeviceFaults.NONE);
        assertThat(LocalPlatform.parse(new String[] {"--no-simulator"}).simulator()).isNull();
    }

    @Test
    void theDemoPasswordIsMadeForEachRunUnlessGiven() {
        String one = LocalPlatform.parse(new String[0]).demoPassword();
        String other = LocalPlatform.parse(new String[0]).demoPassword();
        assertThat(one).hasSize(10).isNotEqualTo(other).isNotEqualTo("demo");
        assertThat(LocalPlatform.parse(new String[] {"--demo-password=correct-horse"}).demoPassword()).isEqualTo("correct-horse");
        assertThat(LocalPlatform.parse(new String[0], "from-the-environment").demoPassword()).isEqualTo("from-the-environment");
        assertThat(LocalPlatform.parse(new String[] {"--demo-password=correct-horse"}, "from-the-environment").demoPassword())
                .as("the option wins").isEqualTo("correct-horse");
    }

    @Test
    void refusesAShareOutOfRange() {
        assertThatThrownBy(() -> LocalPlatform.parse(new String[] {"--glitch-rate=2"})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("glitchRate");
    }
}
