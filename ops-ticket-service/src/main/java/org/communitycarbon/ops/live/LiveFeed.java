package org.communitycarbon.ops.live;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.communitycarbon.model.ops.AlertRaised;
import org.communitycarbon.model.ops.OpsTopics;
import org.communitycarbon.model.ops.WorkOrderChanged;
import org.communitycarbon.model.sensing.BinStatusReported;
import org.communitycarbon.model.sensing.SensingTopics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Follows the topics the live stream shows, from their end, with a consumer of its own that belongs to no consumer group:
 * it reads every partition, commits nothing and starts from "now" after a restart — a live view needs what happens next,
 * not what it missed (the dashboard reloads its figures when it reconnects). A record it cannot read is skipped: the
 * services' own listeners dead-letter it.
 */
@Component
class LiveFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);
    private static final List<String> TOPICS = List.of(OpsTopics.WORK_ORDERS, OpsTopics.ALERTS, SensingTopics.BIN_STATUSES);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final KafkaProperties kafka;
    private final LiveHub hub;
    private final JsonMapper json;
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    LiveFeed(KafkaProperties kafka, LiveHub hub, JsonMapper json) {
        this.kafka = kafka;
        this.hub = hub;
        this.json = json.rebuild().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    }

    @Override
    public void start() {
        Map<String, Object> properties = new HashMap<>(kafka.buildConsumerProperties());
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        properties.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "ops-live-feed");
        consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
        running = true;
        thread = new Thread(this::run, "ops-live-feed");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            assignAll();
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    try {
                        LiveEvent event = translate(record);
                        if (event != null) {
                            hub.publish(event);
                        }
                    } catch (RuntimeException unreadable) {
                        log.debug("Live feed skips an unreadable record at {}-{}@{}", record.topic(), record.partition(), record.offset());
                    }
                }
            }
        } catch (WakeupException stopping) {
            // stop() woke the consumer
        } catch (RuntimeException failure) {
            log.warn("The live feed stopped: {}", failure.toString());
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** Every partition of the topics, from their end; topics that do not exist yet are waited for. */
    private void assignAll() {
        List<TopicPartition> partitions = new ArrayList<>();
        while (running && partitions.size() < TOPICS.size()) {
            partitions.clear();
            Set<String> found = new java.util.HashSet<>();
            for (String topic : TOPICS) {
                List<PartitionInfo> info = consumer.partitionsFor(topic, Duration.ofSeconds(10));
                if (info != null && !info.isEmpty()) {
                    found.add(topic);
                    info.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
                }
            }
            if (found.size() == TOPICS.size()) {
                break;
            }
            partitions.clear();
            consumer.poll(Duration.ofSeconds(1)); // nothing assigned: waits a second without spinning
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
    }

    LiveEvent translate(ConsumerRecord<String, byte[]> record) {
        return switch (record.topic()) {
            case OpsTopics.WORK_ORDERS -> {
                WorkOrderChanged change = json.readValue(record.value(), WorkOrderChanged.class);
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("workOrderId", change.workOrderId());
                data.put("alertType", change.alertType());
                data.put("sourceId", change.sourceId());
                data.put("fromState", change.fromState());
                data.put("toState", change.toState());
                data.put("actor", change.actor());
                data.put("assignee", change.assignee());
                data.put("occurredAt", change.occurredAt());
                yield new LiveEvent(change.communityId(), "work-order", data, false);
            }
            case OpsTopics.ALERTS -> {
                AlertRaised alert = json.readValue(record.value(), AlertRaised.class);
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("alertType", alert.alertType());
                data.put("sourceId", alert.sourceId());
                data.put("observed", alert.observed());
                data.put("threshold", alert.threshold());
                data.put("workOrderId", alert.workOrderId());
                data.put("deadline", alert.deadline());
                data.put("occurredAt", alert.occurredAt());
                yield new LiveEvent(alert.communityId(), "alert", data, false);
            }
            case SensingTopics.BIN_STATUSES -> {
                BinStatusReported status = json.readValue(record.value(), BinStatusReported.class);
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("deviceId", status.deviceId());
                data.put("dropPointId", status.dropPointId());
                data.put("wasteKind", status.wasteKind());
                data.put("fillLevel", status.fillingLevel().value().multiply(HUNDRED).setScale(1, RoundingMode.HALF_UP));
                data.put("occurredAt", status.occurredAt());
                yield new LiveEvent(status.communityId(), "bin-status", data, true);
            }
            default -> null;
        };
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(5_000);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
