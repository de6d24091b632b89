package org.communitycarbon.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Ports for servers that cannot pick their own. */
public final class FreePorts {

    private FreePorts() {
    }

    /** A port that was free a moment ago on the loopback interface. */
    public static int any() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    /** Fails with a message that names the port and what wanted it, if something already listens there. */
    public static int requireFree(int port, String what) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return port;
        }
        catch (IOException e) {
            throw new IllegalStateException("Port " + port + " for " + what + " is in use. Stop what listens there or choose another port.", e);
        }
    }
}
