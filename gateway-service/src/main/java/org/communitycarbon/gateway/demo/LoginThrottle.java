package org.communitycarbon.gateway.demo;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Slows down password guessing at the demo issuer: after {@code perUser} failed logins of a user, or
 * {@code perAddress} from one address, within {@code window}, further attempts are refused (429) until the window
 * after the last failure has passed — whatever the password. A success clears the user's count. Counts are kept in
 * memory, per gateway instance: the demo issuer is for trying the platform on one machine.
 */
final class LoginThrottle {

    private final int perUser;
    private final int perAddress;
    private final Duration window;
    private final Cache<String, AtomicInteger> failures;

    LoginThrottle(int perUser, int perAddress, Duration window) {
        this.perUser = perUser;
        this.perAddress = perAddress;
        this.window = window;
        this.failures = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(window).build();
    }

    /** Whether this user may try from this address now. */
    boolean allowed(String username, String address) {
        return count("user:" + username) < perUser && count("address:" + address) < perAddress;
    }

    void failed(String username, String address) {
        // a write restarts the entry's window: the lock lasts until the window after the last failure has passed
        failures.asMap().compute("user:" + username, (key, count) -> increment(count));
        failures.asMap().compute("address:" + address, (key, count) -> increment(count));
    }

    void succeeded(String username) {
        failures.invalidate("user:" + username);
    }

    Duration window() {
        return window;
    }

    private int count(String key) {
        AtomicInteger count = failures.getIfPresent(key);
        return count == null ? 0 : count.get();
    }

    private static AtomicInteger increment(AtomicInteger count) {
        return new AtomicInteger(count == null ? 1 : count.get() + 1);
    }
}
