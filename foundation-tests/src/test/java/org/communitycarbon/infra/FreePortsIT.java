package org.communitycarbon.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Ports chosen now and bound later stay out of the range the system gives outgoing connections. */
class FreePortsIT {

    @Test
    void portsComeFromBelowTheEphemeralRangeAreNeverRepeatedAndCanBeBound() throws IOException {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            ports.add(FreePorts.any());
        }
        assertThat(ports).as("300 choices, none repeated").hasSize(300)
                .allSatisfy(port -> assertThat(port).isBetween(20_000, FreePorts.EPHEMERAL_START - 1));
        int port = ports.iterator().next();
        try (ServerSocket server = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(server.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void aPortInUseIsNamedWithWhatWantedIt() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> FreePorts.requireFree(port, "the gateway"))
                    .hasMessageContaining("Port " + port + " for the gateway is in use");
        }
    }
}
