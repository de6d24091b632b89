package org.communitycarbon.gateway.security;

import java.net.InetSocketAddress;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * What a service needs to know of the client behind the gateway, for its audit log: {@code X-Forwarded-For} is set
 * to the one address the gateway saw (a value the client sent is replaced, never trusted — behind a proxy of your
 * own, {@code GATEWAY_FORWARD_HEADERS_STRATEGY=native} makes the gateway see the client's address first), and
 * every request forwarded carries an {@code X-Request-Id}: the client's when it is a short plain token, a new UUID
 * otherwise. The response carries the same id, so a user's report can be found in the services' logs and audit.
 */
@Component
public final class ClientHeaders implements GlobalFilter, Ordered {

    public static final String REQUEST_ID = "X-Request-Id";
    public static final String FORWARDED_FOR = "X-Forwarded-For";
    private static final String REQUEST_ID_ATTRIBUTE = ClientHeaders.class.getName() + ".requestId";
    private static final Pattern PLAIN_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /**
     * Tags the response with the request's id, and keeps the id for {@link ForwardedFor}, which puts it on the request
     * sent to the service: the headers are copied there once anyway, where mutating the request here copied them a
     * second time and built a new request and exchange for each call.
     */
    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        String id = requestId(exchange.getRequest().getHeaders().getFirst(REQUEST_ID));
        exchange.getAttributes().put(REQUEST_ID_ATTRIBUTE, id);
        exchange.getResponse().getHeaders().set(REQUEST_ID, id);
        return chain.filter(exchange);
    }

    /**
     * The headers sent to the service: X-Forwarded-For is the address the gateway saw, whatever came before, and
     * X-Request-Id the id {@link ClientHeaders} chose (the client's, or a new one). The last
     * of the header filters, after Spring Cloud Gateway's own X-Forwarded one, which drops what an untrusted client sent.
     */
    @Component
    static final class ForwardedFor implements HttpHeadersFilter, Ordered {

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }

        @Override
        public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
            HttpHeaders output = new HttpHeaders();
            output.addAll(input);
            String id = exchange.getAttribute(REQUEST_ID_ATTRIBUTE);
            if (id != null) {
                output.set(REQUEST_ID, id);
            }
            String client = address(exchange.getRequest().getRemoteAddress());
            if (client == null) {
                output.remove(FORWARDED_FOR);
            }
            else {
                output.set(FORWARDED_FOR, client);
            }
            return output;
        }

        @Override
        public boolean supports(Type type) {
            return type == Type.REQUEST;
        }
    }

    /** The id of a request whose client sent {@code given}: that, when it is a short plain token; a new UUID otherwise. */
    public static String requestId(@Nullable String given) {
        return given != null && PLAIN_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
    }

    /** The client's address as the services are told it in {@code X-Forwarded-For}. */
    public static @Nullable String address(@Nullable InetSocketAddress remote) {
        if (remote == null) {
            return null;
        }
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }
}
