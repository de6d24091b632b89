package org.communitycarbon.benchmark;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.function.LongConsumer;

import org.jspecify.annotations.Nullable;

/**
 * A minimal MQTT 3.1.1 publisher for load generation: one connection, QoS 1, at most {@link #WINDOW} publishes
 * awaiting their PUBACK (as a device under a broker's receive maximum of 10). It encodes packets itself and
 * reads acknowledgements on one thread, so that the load generator — which shares the machine's two cores with
 * the platform it measures — costs little: a general-purpose client library spends more CPU per message than
 * the broker does. Like mqtt-bench or emqtt-bench, it does only what a benchmark needs.
 */
final class RawMqttPublisher implements AutoCloseable {

    static final int WINDOW = 10;

    private final Socket socket;
    private final OutputStream out;
    private final Semaphore window = new Semaphore(WINDOW);
    private final LongConsumer[] pending = new LongConsumer[65_536];
    private final Thread reader;
    private int nextId = 1;
    private volatile boolean open = true;

    RawMqttPublisher(String url, String clientId, @Nullable String username, @Nullable String password) {
        URI uri = URI.create(url);
        try {
            socket = new Socket(uri.getHost(), uri.getPort());
            socket.setTcpNoDelay(true);
            out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            connect(clientId, username, password);
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
            int type = in.readUnsignedByte();
            int length = remainingLength(in);
            byte[] body = in.readNBytes(length);
            if (type != 0x20 || length != 2 || body[1] != 0) {
                throw new IOException("CONNACK refused: return code " + (body.length > 1 ? body[1] : -1));
            }
            reader = new Thread(() -> readAcknowledgements(in), "raw-mqtt-acks-" + clientId);
            reader.setDaemon(true);
            reader.start();
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot connect to " + url, e);
        }
    }

    private void connect(String clientId, @Nullable String username, @Nullable String password) throws IOException {
        byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
        byte[] user = username == null ? null : username.getBytes(StandardCharsets.UTF_8);
        byte[] secret = password == null ? null : password.getBytes(StandardCharsets.UTF_8);
        int flags = 0x02 | (user != null ? 0x80 : 0) | (secret != null ? 0x40 : 0);
        int length = 10 + 2 + id.length + (user != null ? 2 + user.length : 0) + (secret != null ? 2 + secret.length : 0);
        out.write(0x10);
        writeRemainingLength(length);
        out.write(new byte[] {0, 4, 'M', 'Q', 'T', 'T', 4, (byte) flags, 0, 0}); // keep-alive 0: none
        writeString(id);
        if (user != null) {
            writeString(user);
        }
        if (secret != null) {
            writeString(secret);
        }
        out.flush();
    }

    /**
     * Publishes with QoS 1 once one of the window's places is free; {@code acknowledged} gets the time
     * ({@link System#nanoTime()}) of the PUBACK.
     */
    void publish(byte[] topic, byte[] payload, LongConsumer acknowledged) throws InterruptedException {
        window.acquire();
        synchronized (this) {
            int id = nextId;
            while (pending[id] != null) {
                id = id == 65_535 ? 1 : id + 1;
            }
            nextId = id == 65_535 ? 1 : id + 1;
            pending[id] = acknowledged;
            try {
                out.write(0x32);
                writeRemainingLength(2 + topic.length + 2 + payload.length);
                out.write(topic.length >> 8);
                out.write(topic.length);
                out.write(topic);
                out.write(id >> 8);
                out.write(id);
                out.write(payload);
                out.flush();
            }
            catch (IOException e) {
                throw new UncheckedIOException("publish failed", e);
            }
        }
    }

    private void readAcknowledgements(DataInputStream in) {
        try {
            while (open) {
                int type = in.readUnsignedByte();
                int length = remainingLength(in);
                byte[] body = in.readNBytes(length);
                if (type == 0x40 && length >= 2) {
                    int id = ((body[0] & 0xff) << 8) | (body[1] & 0xff);
                    LongConsumer done;
                    synchronized (this) {
                        done = pending[id];
                        pending[id] = null;
                    }
                    if (done != null) {
                        window.release();
                        done.accept(System.nanoTime());
                    }
                }
            }
        }
        catch (IOException e) {
            if (open) {
                System.err.println("MQTT connection lost: " + e.getMessage());
            }
        }
    }

    private void writeString(byte[] value) throws IOException {
        out.write(value.length >> 8);
        out.write(value.length);
        out.write(value);
    }

    private void writeRemainingLength(int length) throws IOException {
        do {
            int digit = length % 128;
            length /= 128;
            out.write(length > 0 ? digit | 0x80 : digit);
        }
        while (length > 0);
    }

    private static int remainingLength(InputStream in) throws IOException {
        int value = 0;
        int multiplier = 1;
        int digit;
        do {
            digit = in.read();
            if (digit < 0) {
                throw new IOException("connection closed");
            }
            value += (digit & 0x7f) * multiplier;
            multiplier *= 128;
        }
        while ((digit & 0x80) != 0);
        return value;
    }

    @Override
    public void close() {
        open = false;
        try {
            synchronized (this) {
                out.write(new byte[] {(byte) 0xe0, 0}); // DISCONNECT
                out.flush();
            }
            socket.close();
        }
        catch (IOException e) {
            // closing anyway
        }
    }
}
