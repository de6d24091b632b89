package org.communitycarbon.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The local run's launcher, as a user starts it: in a JVM of its own. */
class LauncherIT {

    @Test
    void namesAPortInUseAndExitsWithANonZeroStatus() throws Exception {
        try (ServerSocket taken = new ServerSocket(LocalPlatform.MQTT_PORT, 1, InetAddress.getLoopbackAddress())) {
            Process launcher = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), LocalPlatform.class.getName(), "--no-simulator"))
                    .redirectErrorStream(true)
                    .start();
            boolean ended = launcher.waitFor(60, TimeUnit.SECONDS);
            String output = output(launcher);
            if (!ended) {
                launcher.destroyForcibly();
            }
            assertThat(ended).as("the launcher ended by itself; it printed:%n%s", output).isTrue();
            assertThat(launcher.exitValue()).as(output).isNotZero();
            assertThat(output).containsPattern("Port (\\d+) for .* is in use");
        }
    }

    @Test
    void refusesAnUnknownOptionWithANonZeroStatus() throws Exception {
        Process launcher = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LocalPlatform.class.getName(), "--frobnicate"))
                .redirectErrorStream(true)
                .start();
        assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(launcher.exitValue()).isEqualTo(2);
        assertThat(output(launcher)).contains("Unknown option --frobnicate");
    }

    private static String output(Process process) throws IOException {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
