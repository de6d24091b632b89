package org.communitycarbon.gateway.demo;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.communitycarbon.gateway.demo.DemoIssuerProperties.DemoUser;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.audit.ActionAudited;
import org.communitycarbon.model.audit.AuditActor;
import org.communitycarbon.model.audit.AuditKind;
import org.communitycarbon.model.audit.AuditTopics;
import org.communitycarbon.model.security.Role;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends each login attempt as an {@link ActionAudited} of kind {@link AuditKind#LOGIN} to {@value AuditTopics#AUDIT},
 * where the ops-ticket service appends it to the audit log. The gateway has no database, so there is no outbox: the
 * attempt is handed to a queue of {@code queueCapacity} and sent from a thread of its own by a plain Kafka producer
 * ({@code acks=all}, idempotent), so a login never waits for Kafka — not even for the producer's metadata, which
 * {@link KafkaProducer#send} may block for. An attempt that cannot be sent (Kafka down past the delivery timeout, the
 * queue full, the gateway stopping) is logged at {@code ERROR} with every field and counted in
 * {@value #UNRECORDED}, the metric the services count theirs in; the login is answered as if nothing happened. A
 * crash loses what is still queued: acceptable for a demo issuer, and why production logins are audited by the
 * identity provider.
 */
final class KafkaLoginAudit implements LoginAudit, DisposableBean {

    static final String UNRECORDED = "platform.audit.unrecorded";
    static final String SERVICE = "gateway-service";

    private static final Logger log = LoggerFactory.getLogger(KafkaLoginAudit.class);
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final Producer<String, byte[]> producer;
    private final ThreadPoolExecutor sender;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Clock clock;
    private final Counter unrecorded;

    KafkaLoginAudit(LoginAuditProperties settings, MeterRegistry meters, Clock clock) {
        this(new KafkaProducer<>(producerSettings(settings), new StringSerializer(), new ByteArraySerializer()),
                settings.queueCapacity(), meters, clock);
    }

    KafkaLoginAudit(Producer<String, byte[]> producer, int queueCapacity, MeterRegistry meters, Clock clock) {
        this.producer = producer;
        this.clock = clock;
        this.unrecorded = Counter.builder(UNRECORDED)
                .description("Audited requests whose event could not be recorded (logged at ERROR instead)")
                .register(meters);
        this.sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queueCapacity), runnable -> {
            Thread thread = new Thread(runnable, "login-audit");
            thread.setDaemon(true);
            return thread;
        });
    }

    static Properties producerSettings(LoginAuditProperties settings) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, SERVICE + "-login-audit");
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, settings.maxBlock().toMillis());
        long delivery = Math.max(2, settings.deliveryTimeout().toMillis());
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) delivery);
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1, delivery / 2 - 5));
        // a few KB per attempt: a small buffer bounds what waits for Kafka
        properties.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 4L * 1024 * 1024);
        return properties;
    }

    @Override
    public void attempted(LoginAttempt attempt) {
        ActionAudited event = describe(attempt);
        try {
            sender.execute(() -> send(event));
        }
        catch (RejectedExecutionException e) {
            unrecordable(event, sender.isShutdown() ? "the gateway is stopping" : "the queue of login attempts is full");
        }
    }

    private void send(ActionAudited event) {
        try {
            event.validate();
            byte[] value = json.writeValueAsBytes(event);
            producer.send(new ProducerRecord<>(AuditTopics.AUDIT, event.communityId(), value), (metadata, failure) -> {
                if (failure != null) {
                    unrecordable(event, String.valueOf(failure.getMessage()));
                }
            });
        }
        catch (RuntimeException e) {
            unrecordable(event, String.valueOf(e.getMessage()));
        }
    }

    private void unrecordable(ActionAudited event, String reason) {
        unrecorded.increment();
        log.error("Login attempt not sent to {} ({}): {}", AuditTopics.AUDIT, Require.abbreviate(reason, 300), event);
    }

    ActionAudited describe(LoginAttempt attempt) {
        DemoUser user = attempt.user();
        AuditActor actor = user == null
                ? new AuditActor(bounded(attempt.username()), List.of(), null, null, List.of(), null)
                : new AuditActor(bounded(user.username()), user.roles().stream().map(Role::name).toList(), user.householdId(),
                        user.communityId(), user.communityIds(), user.streetId());
        String community = user != null && user.communityId() != null && Require.isIdentifier(user.communityId())
                ? user.communityId() : ActionAudited.NO_COMMUNITY;
        String requestId = attempt.requestId();
        return new ActionAudited(UUID.randomUUID(), ActionAudited.SCHEMA_VERSION, community, clock.instant(), AuditKind.LOGIN,
                SERVICE, actor, "POST", attempt.route(), attempt.route(), null, Map.of(), attempt.status(), bounded(attempt.clientAddress()),
                bounded(attempt.forwardedFor()), requestId != null && REQUEST_ID.matcher(requestId).matches() ? requestId : null);
    }

    /** At most {@link ActionAudited#MAX_TEXT} characters, control characters replaced: a user name is the caller's text. */
    static @Nullable String bounded(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        StringBuilder clean = new StringBuilder(Require.abbreviate(value, ActionAudited.MAX_TEXT));
        for (int i = 0; i < clean.length(); i++) {
            if (Character.isISOControl(clean.charAt(i))) {
                clean.setCharAt(i, '?');
            }
        }
        return clean.toString();
    }

    /** Sends what is queued, waiting a few seconds at most, then closes the producer. */
    @Override
    public void destroy() throws InterruptedException {
        sender.shutdown();
        if (!sender.awaitTermination(5, TimeUnit.SECONDS)) {
            sender.shutdownNow().forEach(task -> unrecorded.increment());
        }
        producer.close(Duration.ofSeconds(5));
    }
}
