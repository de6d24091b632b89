package org.communitycarbon.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for servers that cannot pick their own: chosen now, bound later by the server.
 * <p>
 * They come from below the operating system's ephemeral range (on Linux {@code ip_local_port_range}, 32768–60999 by
 * default; 49152 and up on macOS and Windows). A port the system handed out for port 0 is one it hands out again for
 * the next outgoing connection: between the choice and the bind, a database or Kafka client's connection could take
 * it, and the server then failed to start ("Port … was already in use") when several test JVMs ran at once.
 */
public final class FreePorts {

    private static final int LOWEST = 20_000;
    private static final int DEFAULT_EPHEMERAL_START = 32_768;
    /** Where the system's ephemeral range starts (read once: it does not change while a test runs). */
    static final int EPHEMERAL_START = ephemeralStart();
    private static final int ATTEMPTS = 200;
    /** Ports this JVM has handed out: the servers bind them later, so a second choice must not repeat one. */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    /** A port that was free a moment ago on the loopback interface, outside the range used for outgoing connections. */
    public static int any() {
        int below = EPHEMERAL_START;
        if (below - LOWEST >= 1_000) {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                int port = ThreadLocalRandom.current().nextInt(LOWEST, below);
                if (free(port) && HANDED_OUT.add(port)) {
                    return port;
                }
            }
        }
        // no room below the ephemeral range, or all tried were taken: let the system choose
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

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return true;
        }
        catch (IOException e) {
            return false;
        }
    }

    /** The first port of Linux's ephemeral range; elsewhere, or unreadable, 32768, below every system's default. */
    private static int ephemeralStart() {
        // read as a stream: Files.readString trusts the size procfs reports and returned one character of the two numbers
        try (InputStream in = Files.newInputStream(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
            String range = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
            int start = Integer.parseInt(range.split("\\s+")[0]);
            return start >= 1_024 ? Math.min(start, DEFAULT_EPHEMERAL_START) : DEFAULT_EPHEMERAL_START;
        }
        catch (IOException | RuntimeException e) {
            return DEFAULT_EPHEMERAL_START;
        }
    }
}
