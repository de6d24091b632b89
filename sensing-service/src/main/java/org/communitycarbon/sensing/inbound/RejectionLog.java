package org.communitycarbon.sensing.inbound;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.communitycarbon.model.Require;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Log lines about refused messages, bounded in length and in number: at most {@value #PER_SECOND} a second,
 * each at most {@value #MAX_LINE} characters; the lines left out are counted in the next one. A flood of bad
 * messages shows in the metrics and the dead-letter topic, not as a flood of log lines.
 */
final class RejectionLog {

    private static final Logger log = LoggerFactory.getLogger(RejectionLog.class);
    static final int PER_SECOND = 10;
    static final int MAX_LINE = 400;

    private final Clock clock;
    private final AtomicReference<Instant> second;
    private final AtomicLong inSecond = new AtomicLong();
    private final AtomicLong suppressed = new AtomicLong();

    RejectionLog(Clock clock) {
        this.clock = clock;
        this.second = new AtomicReference<>(Instant.EPOCH);
    }

    void log(String topic, String reason) {
        if (allowed()) {
            log.info("Rejected MQTT message on {}: {}{}", Require.abbreviate(topic, 120), Require.abbreviate(reason, MAX_LINE),
                    suffix());
        }
    }

    void warn(String message) {
        if (allowed()) {
            log.warn("{}{}", Require.abbreviate(message, MAX_LINE), suffix());
        }
    }

    private boolean allowed() {
        Instant now = clock.instant();
        Instant current = second.get();
        if (now.getEpochSecond() != current.getEpochSecond() && second.compareAndSet(current, now)) {
            inSecond.set(0);
        }
        if (inSecond.incrementAndGet() <= PER_SECOND) {
            return true;
        }
        suppressed.incrementAndGet();
        return false;
    }

    private String suffix() {
        long left = suppressed.getAndSet(0);
        return left == 0 ? "" : " (" + left + " similar lines left out)";
    }
}
