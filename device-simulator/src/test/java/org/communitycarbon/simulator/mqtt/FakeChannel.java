package org.communitycarbon.simulator.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * A broker stand-in with Paho's manners: it refuses a publish with 32202 when its in-flight window is
 * full, with 32104 when disconnected, acknowledges from its own thread, and can drop the connection
 * (failing every message in flight) or refuse messages with a PUBACK reason code.
 */
public final class FakeChannel implements PublishChannel {

    private record InFlight(String topic, byte[] payload, Delivery delivery) {
    }

    private final int window;
    private final int advertisedReceiveMaximum;
    private final int ackBatch;
    private final int dropConnectionEvery;
    private final Object lock = new Object();
    private final List<InFlight> inFlight = new ArrayList<>();
    private final Thread broker = new Thread(this::acknowledge, "fake-broker");
    private final Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
    private final Queue<String> acknowledgedTopics = new ConcurrentLinkedQueue<>();
    private boolean connected;
    private boolean flushing;
    private boolean closed;
    private int failConnects;
    private int connects;
    private int publishes;
    private int drops;
    private int mostInFlight;
    private int refusedMaxInFlight;
    private String refuseTopic = "";

    /**
     * @param window how many messages the fake really lets await acknowledgement
     * @param advertisedReceiveMaximum what it claims when connecting (more than {@code window} to provoke 32202)
     * @param ackBatch acknowledge only once this many messages are in flight (or after {@link #flush()})
     * @param dropConnectionEvery drop the connection after every so many publishes, until flushed; 0 for never
     */
    public FakeChannel(int window, int advertisedReceiveMaximum, int ackBatch, int dropConnectionEvery) {
        this.window = window;
        this.advertisedReceiveMaximum = advertisedReceiveMaximum;
        this.ackBatch = ackBatch;
        this.dropConnectionEvery = dropConnectionEvery;
        broker.setDaemon(true);
        broker.start();
    }

    /** Acknowledges everything at once. */
    public static FakeChannel prompt() {
        return new FakeChannel(Integer.MAX_VALUE, 65_535, 1, 0);
    }

    public void failNextConnects(int count) {
        synchronized (lock) {
            failConnects = count;
        }
    }

    public void refuse(String topic) {
        synchronized (lock) {
            refuseTopic = topic;
        }
    }

    /** Acknowledges whatever is in flight, from now on without waiting for a full window. */
    public void flush() {
        synchronized (lock) {
            flushing = true;
            lock.notifyAll();
        }
    }

    @Override
    public void connect(Duration timeout) throws MqttException {
        synchronized (lock) {
            if (failConnects > 0) {
                failConnects--;
                throw new MqttException(MqttClientException.REASON_CODE_SERVER_CONNECT_ERROR);
            }
            connected = true;
            connects++;
        }
    }

    @Override
    public boolean isConnected() {
        synchronized (lock) {
            return connected;
        }
    }

    @Override
    public int receiveMaximum() {
        return advertisedReceiveMaximum;
    }

    @Override
    public void publish(String topic, byte[] payload, Delivery delivery) throws MqttException {
        synchronized (lock) {
            if (!connected) {
                throw new MqttException(MqttClientException.REASON_CODE_CLIENT_NOT_CONNECTED);
            }
            if (inFlight.size() >= window) {
                refusedMaxInFlight++;
                throw new MqttException(MqttClientException.REASON_CODE_MAX_INFLIGHT);
            }
            inFlight.add(new InFlight(topic, payload, delivery));
            publishes++;
            mostInFlight = Math.max(mostInFlight, inFlight.size());
            lock.notifyAll();
        }
    }

    private void acknowledge() {
        while (true) {
            List<InFlight> batch;
            boolean drop;
            String refused;
            synchronized (lock) {
                while (!closed && !ready()) {
                    try {
                        lock.wait();
                    }
                    catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                batch = new ArrayList<>(inFlight);
                inFlight.clear();
                drop = dropConnectionEvery > 0 && !flushing && publishes / dropConnectionEvery > drops;
                if (drop) {
                    drops++;
                    connected = false;
                }
                refused = refuseTopic;
            }
            for (InFlight message : batch) {
                if (drop) {
                    message.delivery().failed(new MqttException(MqttClientException.REASON_CODE_CONNECTION_LOST));
                }
                else if (message.topic().equals(refused)) {
                    message.delivery().failed(new MqttException(135));
                }
                else {
                    acknowledgedTopics.add(message.topic());
                    acknowledged.add(new String(message.payload(), StandardCharsets.UTF_8));
                    message.delivery().delivered();
                }
            }
        }
    }

    private boolean ready() {
        if (inFlight.isEmpty()) {
            return false;
        }
        return flushing || inFlight.size() >= ackBatch;
    }

    /** Payloads the fake acknowledged, in order; a message published again appears again. */
    public List<String> acknowledged() {
        return List.copyOf(acknowledged);
    }

    /** Topics of the acknowledged messages, in the same order as {@link #acknowledged()}. */
    public List<String> acknowledgedTopics() {
        return List.copyOf(acknowledgedTopics);
    }

    public int connects() {
        synchronized (lock) {
            return connects;
        }
    }

    public int drops() {
        synchronized (lock) {
            return drops;
        }
    }

    public int mostInFlight() {
        synchronized (lock) {
            return mostInFlight;
        }
    }

    public int refusedForFullWindow() {
        synchronized (lock) {
            return refusedMaxInFlight;
        }
    }

    public boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    @Override
    public String serverUri() {
        return "fake://broker";
    }

    @Override
    public void close(Duration quiesce) {
        synchronized (lock) {
            closed = true;
            connected = false;
            lock.notifyAll();
        }
    }
}
