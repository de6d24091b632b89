package org.communitycarbon.simulator.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A hung publisher would block the build: fail instead. */
@Timeout(30)
class ReliablePublisherTest {

    @Test
    void waitsForAFreeSlotInsteadOfDroppingWhenPahoSaysTooManyPublishesInProgress() throws Exception {
        FakeChannel broker = new FakeChannel(3, 65_535, 3, 0);
        ReliablePublisher publisher = new ReliablePublisher(broker, 10);
        AtomicInteger acknowledged = new AtomicInteger();

        for (int i = 0; i < 200; i++) {
            publisher.publish("cc/t/electricity-meter/em-" + i + "/reading", bytes(i), acknowledged::incrementAndGet);
        }
        broker.flush();

        await().atMost(Duration.ofSeconds(5)).until(() -> acknowledged.get() == 200);
        assertThat(broker.refusedForFullWindow()).as("Paho's 32202 happened").isPositive();
        assertThat(broker.mostInFlight()).isLessThanOrEqualTo(3);
        assertThat(Set.copyOf(broker.acknowledged())).isEqualTo(expected(200));
        assertThat(publisher.delivered()).isEqualTo(200);
        publisher.close(Duration.ofSeconds(1));
    }

    @Test
    void neverHasMoreInFlightThanItsLimit() throws Exception {
        FakeChannel broker = new FakeChannel(100, 65_535, 4, 0);
        ReliablePublisher publisher = new ReliablePublisher(broker, 4);

        for (int i = 0; i < 50; i++) {
            publisher.publish("t", bytes(i), () -> { });
        }
        broker.flush();

        await().atMost(Duration.ofSeconds(5)).until(() -> publisher.delivered() == 50);
        assertThat(broker.mostInFlight()).isEqualTo(4);
        assertThat(broker.refusedForFullWindow()).isZero();
        publisher.close(Duration.ofSeconds(1));
    }

    @Test
    void publishesAgainWhatWasInFlightWhenTheConnectionDropped() throws Exception {
        FakeChannel broker = new FakeChannel(5, 5, 5, 40);
        ReliablePublisher publisher = new ReliablePublisher(broker, 5);

        for (int i = 0; i < 300; i++) {
            publisher.publish("t", bytes(i), () -> { });
        }
        broker.flush();
        publisher.publish("t", bytes(300), () -> { });

        await().atMost(Duration.ofSeconds(5)).until(() -> new HashSet<>(broker.acknowledged()).containsAll(expected(301)));
        assertThat(broker.drops()).isGreaterThanOrEqualTo(5);
        assertThat(broker.connects()).isEqualTo(broker.drops() + 1);
        assertThat(publisher.republished()).isPositive();
        publisher.close(Duration.ofSeconds(1));
    }

    @Test
    void keepsTryingToConnectUntilTheBrokerIsThere() throws Exception {
        FakeChannel broker = FakeChannel.prompt();
        broker.failNextConnects(1);
        ReliablePublisher publisher = new ReliablePublisher(broker, 10);

        publisher.publish("t", bytes(1), () -> { });

        await().atMost(Duration.ofSeconds(5)).until(() -> publisher.delivered() == 1);
        assertThat(broker.connects()).isEqualTo(1);
        publisher.close(Duration.ofSeconds(1));
    }

    @Test
    void doesNotRetryWhatTheBrokerRefuses() throws Exception {
        FakeChannel broker = FakeChannel.prompt();
        broker.refuse("cc/forbidden");
        ReliablePublisher publisher = new ReliablePublisher(broker, 10);

        publisher.publish("cc/forbidden", bytes(1), () -> { });
        await().atMost(Duration.ofSeconds(5)).until(() -> publisher.rejected() == 1);
        publisher.publish("cc/allowed", bytes(2), () -> { });

        await().atMost(Duration.ofSeconds(5)).until(() -> publisher.delivered() == 1);
        assertThat(broker.acknowledged()).containsExactly("2");
        assertThat(publisher.republished()).isZero();
        publisher.close(Duration.ofSeconds(1));
    }

    @Test
    void closeWaitsForInFlightMessagesAndClosesTheConnection() throws Exception {
        FakeChannel broker = new FakeChannel(10, 10, 10, 0);
        ReliablePublisher publisher = new ReliablePublisher(broker, 10);
        for (int i = 0; i < 3; i++) {
            publisher.publish("t", bytes(i), () -> { });
        }
        assertThat(publisher.pending()).isEqualTo(3);
        broker.flush();

        publisher.close(Duration.ofSeconds(2));

        assertThat(publisher.delivered()).isEqualTo(3);
        assertThat(broker.isClosed()).isTrue();
    }

    private static byte[] bytes(int i) {
        return String.valueOf(i).getBytes(StandardCharsets.UTF_8);
    }

    private static Set<String> expected(int count) {
        return Set.copyOf(IntStream.range(0, count).mapToObj(String::valueOf).toList());
    }
}
