package org.communitycarbon.support.messaging;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.admin.NewTopic;
import org.communitycarbon.model.registry.RegistryTopics;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Declares the topics a service uses. Each service declares what it writes and what it reads, plus the
 * dead-letter topic of each one it reads, so services can start in any order; declaring an existing
 * topic changes nothing.
 */
public final class Topics {

    public static final String DEAD_LETTER_SUFFIX = "-dlt";

    private Topics() {
    }

    public static String deadLetterTopicOf(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }

    public static KafkaAdmin.NewTopics declare(PlatformKafkaProperties settings, List<String> writes, List<String> reads) {
        List<NewTopic> topics = new ArrayList<>();
        for (String topic : writes) {
            topics.add(topic(settings, topic));
        }
        for (String topic : reads) {
            topics.add(topic(settings, topic));
            topics.add(topic(settings, deadLetterTopicOf(topic)));
        }
        return new KafkaAdmin.NewTopics(topics.stream().distinct().toArray(NewTopic[]::new));
    }

    /** A topic as every service declares it: the registry's topics compacted, whoever declares them first. */
    private static NewTopic topic(PlatformKafkaProperties settings, String name) {
        TopicBuilder topic = TopicBuilder.name(name).partitions(settings.partitions()).replicas(settings.replicationFactor());
        return RegistryTopics.ALL.contains(name) ? topic.compact().build() : topic.build();
    }
}
