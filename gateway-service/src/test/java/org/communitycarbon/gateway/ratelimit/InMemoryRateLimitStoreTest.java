package org.communitycarbon.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class InMemoryRateLimitStoreTest {

    private final InMemoryRateLimitStore store = new InMemoryRateLimitStore(Duration.ofMinutes(1), 1_000);

    @Test
    void letsABurstUpToTheLimitThroughThenSaysHowLongToWait() {
        for (int call = 0; call < 5; call++) {
            assertThat(store.tryConsume("user:a", 5).block()).isZero();
        }

        Long wait = store.tryConsume("user:a", 5).block();

        // 5 a minute: the next token comes 12 seconds after the burst
        assertThat(Duration.ofNanos(wait)).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(12));
        assertThat(store.tryConsume("user:b", 5).block()).as("each caller has a bucket of its own").isZero();
    }

    @Test
    void countsAnIpv4ClientByItsAddressAndAnIpv6ClientByItsSlash64() {
        assertThat(RateLimitFilter.address(new InetSocketAddress("203.0.113.9", 443))).isEqualTo("203.0.113.9");
        assertThat(RateLimitFilter.address(new InetSocketAddress("2001:db8:1:2:aaaa::1", 443)))
                .isEqualTo(RateLimitFilter.address(new InetSocketAddress("2001:db8:1:2:ffff:1:2:3", 443)))
                .isEqualTo("2001:db8:1:2::/64");
        assertThat(RateLimitFilter.address(new InetSocketAddress("2001:db8:1:3::1", 443))).isEqualTo("2001:db8:1:3::/64");
        assertThat(RateLimitFilter.address(null)).isEqualTo("unknown");
    }
}
