package org.communitycarbon.gateway.ratelimit;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import org.communitycarbon.gateway.security.Problems;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * Counts {@code /api/**}, {@code /open311/**} and {@code /auth/**} requests against a limit and answers 429 (problem detail, with
 * {@code Retry-After} in seconds) past it. Two of these run: {@link #perAddress} first, before authentication, so
 * that a flood of requests with made-up tokens is stopped before their signatures are checked; {@link #perUser} just
 * after the security filters, counting requests whose token was verified against the token's {@code sub}.
 */
public final class RateLimitFilter implements WebFilter, Ordered {

    /** Right after the request-body limit, before the security filters. */
    static final int ADDRESS_ORDER = Ordered.HIGHEST_PRECEDENCE + 2;
    /** Right after Spring Security's filter chain ({@code WebFilterChainProxy}, order -100), which verifies the token. */
    static final int USER_ORDER = -99;

    private final RateLimitStore store;
    private final long limit;
    private final int order;
    private final boolean byUser;
    private final String caller;
    private final Problems problems;

    private RateLimitFilter(RateLimitStore store, long limit, int order, boolean byUser, Problems problems) {
        this.store = store;
        this.limit = limit;
        this.order = order;
        this.byUser = byUser;
        this.caller = byUser ? "this user" : "this address";
        this.problems = problems;
    }

    static RateLimitFilter perAddress(RateLimitStore store, long limit, Problems problems) {
        return new RateLimitFilter(store, limit, ADDRESS_ORDER, false, problems);
    }

    static RateLimitFilter perUser(RateLimitStore store, long limit, Problems problems) {
        return new RateLimitFilter(store, limit, USER_ORDER, true, problems);
    }

    @Override
    public int getOrder() {
        return order;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        if (!path.startsWith("/api/") && !path.startsWith("/auth/") && !path.startsWith("/open311/")) {
            return chain.filter(exchange);
        }
        if (!byUser) {
            return count("address:" + address(exchange.getRequest().getRemoteAddress()), exchange, chain);
        }
        return exchange.getPrincipal()
                .filter(principal -> principal instanceof JwtAuthenticationToken token && token.getName() != null)
                .map(principal -> "user:" + principal.getName())
                .defaultIfEmpty("")
                .flatMap(key -> key.isEmpty() ? chain.filter(exchange) : count(key, exchange, chain));
    }

    private Mono<Void> count(String key, ServerWebExchange exchange, WebFilterChain chain) {
        return store.tryConsume(key, limit).flatMap(nanosToWait -> {
            if (nanosToWait == 0) {
                return chain.filter(exchange);
            }
            long seconds = retryAfterSeconds(nanosToWait);
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
            return problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "Too Many Requests", refusal(seconds));
        });
    }

    /**
     * Counts a request the gateway's fast lane forwards ({@code org.communitycarbon.gateway.forwarding}), as this
     * filter counts one on the full way: by its address, or by the subject of its verified token (none: not counted).
     *
     * @return 0 when it may go on, else the nanoseconds until a token is there again
     */
    public Mono<Long> take(@Nullable InetSocketAddress remote, @Nullable String subject) {
        if (!byUser) {
            return store.tryConsume("address:" + address(remote), limit);
        }
        return subject == null ? RateLimitStore.ALLOWED : store.tryConsume("user:" + subject, limit);
    }

    /** What a refused request is told, with {@code seconds} in its {@code Retry-After}. */
    public String refusal(long seconds) {
        return "Too many requests from " + caller + "; try again in " + seconds + " s";
    }

    /** The {@code Retry-After} of a refusal: the wait, rounded up to whole seconds, at least one. */
    public static long retryAfterSeconds(long nanosToWait) {
        return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanosToWait + TimeUnit.SECONDS.toNanos(1) - 1));
    }

    /**
     * The address a client is counted under: an IPv4 address as it is, an IPv6 address by its /64 (one subscriber's
     * network, which holds more addresses than anyone could count one by one).
     */
    static String address(@Nullable InetSocketAddress remote) {
        InetAddress address = remote == null ? null : remote.getAddress();
        if (address == null) {
            return remote == null ? "unknown" : remote.getHostString();
        }
        if (address instanceof Inet6Address) {
            byte[] bytes = address.getAddress();
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
            }
            return prefix.append(":/64").toString();
        }
        return address.getHostAddress();
    }
}
