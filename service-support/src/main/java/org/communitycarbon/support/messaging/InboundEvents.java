package org.communitycarbon.support.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.Require;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.KafkaUtils;

/**
 * Processes a batch of Kafka records so that only a record that can never be processed is dead-lettered,
 * alone, and nothing else is ever lost:
 * <ol>
 * <li>Each record is decoded (tolerant reader: unknown fields ignored, any schema version) and checked
 * for what this consumer uses. One that fails is dead-lettered with the reason.</li>
 * <li>The valid events are applied together, in one call (one transaction, a handful of round trips).</li>
 * <li>A transient failure — the database or Kafka unreachable, a deadlock — is thrown, and the platform's
 * error handler retries the whole batch with back-off, without limit: an outage delays records, it never
 * dead-letters them. Applying is idempotent, so records applied before a failure are not applied twice.</li>
 * <li>Any other failure means one of the events cannot be applied (a value that breaks a constraint, a
 * bug triggered by one record). The events are then applied one by one, each in its own call; an event
 * that fails twice, while the database answers, is dead-lettered alone and the others are applied.</li>
 * </ol>
 * Dead letters are sent after the valid events are applied, and synchronously: if Kafka does not take one,
 * the batch is retried rather than the record dropped.
 */
public final class InboundEvents {

    private static final Logger log = LoggerFactory.getLogger(InboundEvents.class);
    private static final int ATTEMPTS_ALONE = 2;

    /** What a consumer checks of an event before using it; throws {@link ContractViolation} naming the field. */
    @FunctionalInterface
    public interface Check<T> {
        void check(T event);
    }

    private final EventCodec codec;
    private final DeadLetters deadLetters;
    private final Runnable databaseProbe;

    /**
     * @param databaseProbe throws when the service's database does not answer; a failure is never taken for a
     *        bad record while it does not
     */
    public InboundEvents(EventCodec codec, DeadLetters deadLetters, Runnable databaseProbe) {
        this.codec = codec;
        this.deadLetters = deadLetters;
        this.databaseProbe = databaseProbe;
    }

    /** Decodes, checks and applies {@code records}; see the class description. */
    public <T> void process(List<ConsumerRecord<String, byte[]>> records, Class<T> type, Check<T> check, Consumer<List<T>> apply) {
        List<Decoded<T>> valid = new ArrayList<>(records.size());
        List<Refused> refused = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                if (record.value() == null) {
                    throw new InvalidMessageException("record has no value", null, null);
                }
                T event = codec.decode(record.value(), type);
                check.check(event);
                valid.add(new Decoded<>(record, event));
            }
            catch (InvalidMessageException e) {
                refused.add(new Refused(record, e.getMessage(), e));
            }
            catch (ContractViolation e) {
                refused.add(new Refused(record, e.getMessage(), new InvalidMessageException(e.getMessage(), e.field(), e)));
            }
        }
        if (!valid.isEmpty()) {
            apply(valid, apply, refused);
        }
        String group = KafkaUtils.getConsumerGroupId();
        for (Refused letter : refused) {
            deadLetters.send(letter.record(), letter.reason(), letter.cause(), group);
        }
    }

    private <T> void apply(List<Decoded<T>> valid, Consumer<List<T>> apply, List<Refused> refused) {
        try {
            apply.accept(valid.stream().map(Decoded::event).toList());
            return;
        }
        catch (RuntimeException e) {
            if (Failures.isTransient(e)) {
                throw e;
            }
            log.warn("A batch of {} from {} failed ({}); applying its events one by one to find the one at fault",
                    valid.size(), valid.get(0).record().topic(), describe(e));
        }
        for (Decoded<T> decoded : valid) {
            RuntimeException failure = null;
            for (int attempt = 0; attempt < ATTEMPTS_ALONE; attempt++) {
                try {
                    apply.accept(List.of(decoded.event()));
                    failure = null;
                    break;
                }
                catch (RuntimeException e) {
                    if (Failures.isTransient(e)) {
                        throw e;
                    }
                    failure = e;
                }
            }
            if (failure != null) {
                // Only a database that answers proves the record is at fault; otherwise this is an outage.
                databaseProbe.run();
                refused.add(new Refused(decoded.record(), describe(failure), failure));
            }
        }
    }

    /** The most specific message of a failure, bounded. */
    static String describe(Throwable failure) {
        Throwable specific = failure;
        while (specific.getCause() != null && specific.getCause() != specific) {
            specific = specific.getCause();
        }
        String message = specific.getMessage() == null ? specific.getClass().getSimpleName() : specific.getMessage();
        return Require.abbreviate(message.replaceAll("\\s+", " "), DeadLetters.MAX_REASON);
    }

    private record Decoded<T>(ConsumerRecord<String, byte[]> record, T event) {
    }

    private record Refused(ConsumerRecord<String, byte[]> record, String reason, @Nullable Throwable cause) {
    }
}
