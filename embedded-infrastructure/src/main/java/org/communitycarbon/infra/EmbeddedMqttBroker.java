package org.communitycarbon.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;

import com.hivemq.embedded.EmbeddedHiveMQ;

/**
 * The HiveMQ Community Edition broker: MQTT 3.1.1 and 5, QoS 0–2, persistent sessions and shared
 * subscriptions. Sessions and queued messages live in memory, so they survive a client reconnecting
 * but not the broker restarting.
 */
public final class EmbeddedMqttBroker implements AutoCloseable {

    private final EmbeddedHiveMQ hivemq;
    private final int port;

    private EmbeddedMqttBroker(EmbeddedHiveMQ hivemq, int port) {
        this.hivemq = hivemq;
        this.port = port;
    }

    /**
     * @param port 0 for any free port
     * @param bindAddress {@code 127.0.0.1} to accept local clients only, {@code 0.0.0.0} for all
     * @param workDirectory holds the broker's configuration and data folders
     */
    public static EmbeddedMqttBroker start(int port, String bindAddress, Path workDirectory) {
        int listenPort = port == 0 ? FreePorts.any() : FreePorts.requireFree(port, "the MQTT broker");
        try {
            Path config = Files.createDirectories(workDirectory.resolve("conf"));
            Path data = Files.createDirectories(workDirectory.resolve("data"));
            Path extensions = Files.createDirectories(workDirectory.resolve("extensions"));
            Files.writeString(config.resolve("config.xml"), configuration(listenPort, bindAddress), StandardCharsets.UTF_8);
            EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
                    .withConfigurationFolder(config)
                    .withDataFolder(data)
                    .withExtensionsFolder(extensions)
                    .build();
            hivemq.start().join();
            return new EmbeddedMqttBroker(hivemq, listenPort);
        }
        catch (IOException e) {
            throw new UncheckedIOException("MQTT broker configuration could not be written", e);
        }
        catch (CompletionException e) {
            throw new IllegalStateException("MQTT broker did not start on port " + listenPort, e.getCause());
        }
    }

    private static String configuration(int port, String bindAddress) {
        return """
                <?xml version="1.0"?>
                <hivemq>
                    <listeners>
                        <tcp-listener>
                            <port>%d</port>
                            <bind-address>%s</bind-address>
                        </tcp-listener>
                    </listeners>
                    <persistence>
                        <mode>in-memory</mode>
                    </persistence>
                    <anonymous-usage-statistics>
                        <enabled>false</enabled>
                    </anonymous-usage-statistics>
                </hivemq>
                """.formatted(port, bindAddress);
    }

    public int port() {
        return port;
    }

    /** The address MQTT clients connect to, e.g. {@code tcp://localhost:1883}. */
    public String url() {
        return "tcp://localhost:" + port;
    }

    @Override
    public void close() {
        try {
            hivemq.stop().join();
        }
        finally {
            try {
                hivemq.close();
            }
            catch (Exception e) {
                throw new IllegalStateException("MQTT broker did not close cleanly", e);
            }
        }
    }
}
