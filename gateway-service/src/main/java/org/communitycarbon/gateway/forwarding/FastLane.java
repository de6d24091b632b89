package org.communitycarbon.gateway.forwarding;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import org.communitycarbon.gateway.ratelimit.RateLimitFilter;
import org.communitycarbon.gateway.security.CachingReactiveJwtDecoder;
import org.communitycarbon.gateway.security.ClientHeaders;
import org.communitycarbon.gateway.security.CorsSettings;
import org.communitycarbon.gateway.security.Problems;
import org.communitycarbon.gateway.security.SecurityHeaders;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.handler.predicate.PredicateDefinition;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * The gateway's fast lane: a read ({@code GET} or {@code HEAD}) of a service's API whose bearer token this gateway has
 * already verified is forwarded by a plain Reactor Netty handler, in front of WebFlux, Spring Security's filter chain and
 * Spring Cloud Gateway — whose machinery cost more CPU than the whole read behind it (docs/performance.md, reads). It
 * applies the same rules, in the same order, as the full way:
 * <ol>
 * <li>the rate limit per address, then the token — only one that {@link CachingReactiveJwtDecoder} verified (signature,
 * issuer, audience, expiry) and that has not expired since — then the rate limit per user ({@link RateLimitFilter});
 * <li>the request to the service: the client's headers without hop-by-hop ones, {@code Host}, {@code Forwarded} and
 * {@code X-Forwarded-*}; {@code X-Forwarded-For} the address the gateway saw and an {@code X-Request-Id}
 * ({@link ClientHeaders}), sent on the client connection's own connection to the service ({@link ServiceLinks}) where it
 * can, on the pooled client otherwise;
 * <li>the answer: the service's status, headers (without hop-by-hop ones) and body as they come, the security headers
 * where the service set none ({@link SecurityHeaders}), CORS's {@code Vary} when origins are configured, the request id;
 * a service that does not answer is a {@code 503} problem, one too slow a {@code 504}, as on the full way;
 * <li>the request timed in {@code http.server.requests} like every other.
 * </ol>
 * Anything it is not sure of takes the full way, unchanged: another method or path, a body, a path or query with
 * anything but plain characters ({@code %}, {@code ;}, {@code \}, {@code //}, dot segments), a header with control or
 * non-ASCII characters, an {@code Origin} (CORS), {@code Upgrade}, an event stream, a token in the query, not exactly one
 * {@code Authorization}, a token not verified yet (its first request verifies it), a route with filters or other
 * predicates. It is off when default filters or trusted proxies are configured, which the full way would apply.
 * {@code GatewayIT} and {@code BrowserRulesIT} send the same requests both ways and compare what the service received and
 * what the client got.
 */
public final class FastLane implements NettyRouteProvider, SmartInitializingSingleton {

    /** Counts the requests the fast lane forwarded ({@code gateway_fast_lane_requests_total}). */
    public static final String FORWARDED_METER = "gateway.fast.lane.requests";
    /** Counts the connections it opened to the services ({@code gateway_fast_lane_connections_total}). */
    public static final String CONNECTIONS_METER = "gateway.fast.lane.connections";

    private static final Logger log = LoggerFactory.getLogger(FastLane.class);
    private static final String API = "/api/";
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "transfer-encoding", "te", "trailer",
            "proxy-authorization", "proxy-authenticate", "x-application-context", "upgrade", "host", "forwarded");
    private static final List<String> CORS_VARY = List.of("Origin", "Access-Control-Request-Method", "Access-Control-Request-Headers");

    private final ObjectProvider<HttpHandler> application;
    private final ObjectProvider<GatewayProperties> gateway;
    private final ObjectProvider<HttpClientProperties> clientSettings;
    private final ObjectProvider<HttpClient> client;
    private final ObjectProvider<ReactiveJwtDecoder> decoder;
    private final ObjectProvider<RateLimitFilter> rateLimits;
    private final ObjectProvider<SecurityHeaders> securityHeaders;
    private final ObjectProvider<CorsSettings> cors;
    private final ObjectProvider<Problems> problems;
    private final ObjectProvider<MeterRegistry> meters;
    private final boolean ownConnections;

    /** Set once every bean exists; until then, and when the lane cannot apply the full way's rules, null. */
    private volatile @Nullable Lane lane;
    private volatile @Nullable BiFunction<HttpServerRequest, HttpServerResponse, Mono<Void>> fullWay;

    public FastLane(ObjectProvider<HttpHandler> application, ObjectProvider<GatewayProperties> gateway,
            ObjectProvider<HttpClientProperties> clientSettings, ObjectProvider<HttpClient> client,
            ObjectProvider<ReactiveJwtDecoder> decoder, ObjectProvider<RateLimitFilter> rateLimits,
            ObjectProvider<SecurityHeaders> securityHeaders, ObjectProvider<CorsSettings> cors, ObjectProvider<Problems> problems,
            ObjectProvider<MeterRegistry> meters, boolean ownConnections) {
        this.application = application;
        this.gateway = gateway;
        this.clientSettings = clientSettings;
        this.client = client;
        this.decoder = decoder;
        this.rateLimits = rateLimits;
        this.securityHeaders = securityHeaders;
        this.cors = cors;
        this.problems = problems;
        this.meters = meters;
        this.ownConnections = ownConnections;
    }

    @Override
    public HttpServerRoutes apply(HttpServerRoutes routes) {
        return routes.route(FastLane::mayTake, this::handle);
    }

    @Override
    public void afterSingletonsInstantiated() {
        GatewayProperties settings = gateway.getObject();
        String off = null;
        if (!settings.getDefaultFilters().isEmpty()) {
            off = "default filters are configured";
        }
        else if (settings.getTrustedProxies() != null) {
            off = "trusted proxies are configured";
        }
        else if (!(decoder.getIfAvailable() instanceof CachingReactiveJwtDecoder)) {
            off = "no cache of verified tokens";
        }
        Map<String, String> targets = off == null ? targets(settings.getRoutes()) : Map.of();
        if (off == null && targets.isEmpty()) {
            off = "no route of the form /api/<service>/** without filters";
        }
        if (off != null) {
            log.info("The fast lane is off ({}): every request takes the full way", off);
            return;
        }
        List<RateLimitFilter> limits = rateLimits.orderedStream().toList();
        MeterRegistry registry = meters.getObject();
        Duration timeout = clientSettings.getObject().getResponseTimeout();
        HttpClient backend = timeout == null ? client.getObject() : client.getObject().responseTimeout(timeout);
        ServiceLinks links = ownConnections ? new ServiceLinks(clientSettings.getObject().getConnectTimeout(), timeout,
                clientSettings.getObject().getPool().getMaxIdleTime()) : null;
        if (links != null) {
            FunctionCounter.builder(CONNECTIONS_METER, links, ServiceLinks::opened)
                    .description("Connections the gateway's fast lane opened to the services, each for one client connection")
                    .register(registry);
        }
        lane = new Lane(targets, backend, links, timeout, (CachingReactiveJwtDecoder) decoder.getObject(), limits,
                securityHeaders.getObject(), !cors.getObject().allowedOrigins().isEmpty(), problems.getObject(), registry,
                Counter.builder(FORWARDED_METER).description("Requests the gateway's fast lane forwarded").register(registry));
        log.info("The fast lane forwards verified reads of {}", targets.keySet());
    }

    /**
     * The routes the lane may take: one {@code Path=/api/<service>/**} predicate, no filters, no metadata; a service
     * named by two routes is left to the full way.
     */
    static Map<String, String> targets(List<RouteDefinition> routes) {
        Map<String, String> targets = new HashMap<>();
        Set<String> ambiguous = new java.util.HashSet<>();
        for (RouteDefinition route : routes) {
            if (route.getPredicates().size() != 1 || !route.getFilters().isEmpty() || !route.getMetadata().isEmpty()
                    || route.getUri() == null || !"http".equals(route.getUri().getScheme())) {
                continue;
            }
            PredicateDefinition predicate = route.getPredicates().get(0);
            if (!"Path".equals(predicate.getName()) || predicate.getArgs().size() != 1) {
                continue;
            }
            String pattern = predicate.getArgs().values().iterator().next();
            if (!pattern.startsWith(API) || !pattern.endsWith("/**")) {
                continue;
            }
            String service = pattern.substring(API.length(), pattern.length() - 3);
            if (service.isEmpty() || !plain(service)) {
                continue;
            }
            String base = route.getUri().toString();
            base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
            if (targets.putIfAbsent(service, base) != null) {
                ambiguous.add(service);
            }
        }
        ambiguous.forEach(targets::remove);
        return Map.copyOf(targets);
    }

    /** The {@code Host} header for a target, as Reactor Netty's client writes it: the port unless it is 80. */
    static String host(String target) {
        java.net.URI uri = java.net.URI.create(target);
        return uri.getPort() < 0 || uri.getPort() == 80 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }

    /** Cheap, for every request the gateway gets: only reads of the API are looked at more closely. */
    private static boolean mayTake(HttpServerRequest request) {
        HttpMethod method = request.method();
        return (method == HttpMethod.GET || method == HttpMethod.HEAD) && request.uri().startsWith(API);
    }

    private Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        Lane current = lane;
        Forward forward = current == null ? null : current.eligible(request);
        if (forward == null) {
            return fullWay().apply(request, response);
        }
        return current.forward(request, response, forward);
    }

    private BiFunction<HttpServerRequest, HttpServerResponse, Mono<Void>> fullWay() {
        BiFunction<HttpServerRequest, HttpServerResponse, Mono<Void>> handler = fullWay;
        if (handler == null) {
            handler = new ReactorHttpHandlerAdapter(application.getObject());
            fullWay = handler;
        }
        return handler;
    }

    /** A request the lane takes: where it goes, and its verified token. */
    private record Forward(String target, String path, Jwt token) {
    }

    /** The lane once configured. */
    private static final class Lane {

        private final Map<String, String> targets;
        private final HttpClient client;
        /** Null when the service links are off: every forwarded read takes the pooled client. */
        private final @Nullable ServiceLinks links;
        /** The {@code Host} each target is called by, as the pooled client writes it. */
        private final Map<String, String> hosts;
        private final @Nullable Duration timeout;
        private final CachingReactiveJwtDecoder tokens;
        private final List<RateLimitFilter> limits;
        private final SecurityHeaders securityHeaders;
        private final boolean cors;
        private final Problems problems;
        private final MeterRegistry meters;
        private final Counter forwarded;
        /** One per status the services answer (the platform's own), negative for {@code HEAD}. */
        private final Map<Integer, Timer> timers = new ConcurrentHashMap<>();

        Lane(Map<String, String> targets, HttpClient client, @Nullable ServiceLinks links, @Nullable Duration timeout,
                CachingReactiveJwtDecoder tokens,
                List<RateLimitFilter> limits, SecurityHeaders securityHeaders, boolean cors, Problems problems,
                MeterRegistry meters, Counter forwarded) {
            this.targets = targets;
            this.client = client;
            this.links = links;
            this.hosts = targets.values().stream().distinct().collect(java.util.stream.Collectors.toUnmodifiableMap(target -> target,
                    FastLane::host));
            this.timeout = timeout;
            this.tokens = tokens;
            this.limits = limits;
            this.securityHeaders = securityHeaders;
            this.cors = cors;
            this.problems = problems;
            this.meters = meters;
            this.forwarded = forwarded;
        }

        @Nullable Forward eligible(HttpServerRequest request) {
            String uri = request.uri();
            int query = uri.indexOf('?');
            String path = query < 0 ? uri : uri.substring(0, query);
            if (!plainPath(path) || (query >= 0 && !plainQuery(uri.substring(query + 1)))) {
                return null;
            }
            int end = path.indexOf('/', API.length());
            String target = targets.get(path.substring(API.length(), end < 0 ? path.length() : end));
            if (target == null) {
                return null;
            }
            HttpHeaders headers = request.requestHeaders();
            String length = headers.get(HttpHeaderNames.CONTENT_LENGTH);
            if ((length != null && !"0".equals(length)) || headers.contains(HttpHeaderNames.TRANSFER_ENCODING)
                    || headers.contains(HttpHeaderNames.ORIGIN) || headers.contains(HttpHeaderNames.UPGRADE)
                    || !plainHeaders(headers)) {
                return null;
            }
            String accept = headers.get(HttpHeaderNames.ACCEPT);
            if (accept != null && accept.toLowerCase(Locale.ROOT).contains("text/event-stream")) {
                return null;
            }
            List<String> authorization = headers.getAll(HttpHeaderNames.AUTHORIZATION);
            if (authorization.size() != 1) {
                return null;
            }
            String bearer = authorization.get(0);
            if (bearer.length() <= 7 || !bearer.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return null;
            }
            // Only a token the full way verified is found, and Spring Security's resolver read its characters then.
            Jwt token = tokens.verified(bearer.substring(7));
            return token == null ? null : new Forward(target, path, token);
        }

        Mono<Void> forward(HttpServerRequest request, HttpServerResponse response, Forward forward) {
            long started = System.nanoTime();
            forwarded.increment();
            String requestId = ClientHeaders.requestId(request.requestHeaders().get(ClientHeaders.REQUEST_ID));
            boolean https = "https".equalsIgnoreCase(request.scheme());
            InetSocketAddress remote = request.remoteAddress();
            return admitted(0, remote, forward.token().getSubject(), response, forward.path(), requestId, https,
                    () -> send(request, response, forward, requestId, https, remote))
                    .doFinally(signal -> time(request, response, started));
        }

        /** Takes a token from each limit in turn, then goes {@code onward}; a refusal (429) when one has none left. */
        private Mono<Void> admitted(int index, @Nullable InetSocketAddress remote, @Nullable String subject,
                HttpServerResponse response, String path, String requestId, boolean https, Supplier<Mono<Void>> onward) {
            if (index == limits.size()) {
                return onward.get();
            }
            RateLimitFilter limit = limits.get(index);
            return limit.take(remote, subject).flatMap(wait -> {
                if (wait == 0) {
                    return admitted(index + 1, remote, subject, response, path, requestId, https, onward);
                }
                long seconds = RateLimitFilter.retryAfterSeconds(wait);
                response.header(HttpHeaderNames.RETRY_AFTER, Long.toString(seconds));
                return problem(response, HttpResponseStatus.TOO_MANY_REQUESTS, "Too Many Requests", limit.refusal(seconds),
                        path, requestId, https);
            });
        }

        private Mono<Void> send(HttpServerRequest request, HttpServerResponse response, Forward forward, String requestId,
                boolean https, @Nullable InetSocketAddress remote) {
            String client = ClientHeaders.address(remote);
            Supplier<Mono<Void>> pooled = () -> this.client
                    .headers(out -> copyHeaders(request.requestHeaders(), out, requestId, client))
                    .request(request.method())
                    .uri(forward.target() + request.uri())
                    .response((answer, body) -> answer(response, answer.status(), answer.responseHeaders(), body.retain(), requestId, https))
                    .then();
            Supplier<io.netty.handler.codec.http.HttpRequest> outgoing = () -> {
                DefaultFullHttpRequest out = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, request.method(), request.uri(),
                        Unpooled.EMPTY_BUFFER);
                HttpHeaders headers = out.headers();
                copyHeaders(request.requestHeaders(), headers, requestId, client);
                // what the pooled client adds
                if (!headers.contains(HttpHeaderNames.USER_AGENT)) {
                    headers.set(HttpHeaderNames.USER_AGENT, HttpClient.USER_AGENT);
                }
                headers.set(HttpHeaderNames.HOST, hosts.get(forward.target()));
                if (!headers.contains(HttpHeaderNames.ACCEPT)) {
                    headers.set(HttpHeaderNames.ACCEPT, "*/*");
                }
                return out;
            };
            Mono<Void> exchange = links == null ? pooled.get()
                    : links.exchange(channel(request), forward.target(), outgoing,
                            (head, body) -> answer(response, head.status(), head.headers(), body, requestId, https), pooled);
            return exchange.onErrorResume(error -> !response.hasSentHeaders(), error -> failed(error, response, forward.path(), requestId, https));
        }

        /** The client's headers without hop-by-hop ones and those the gateway sets, then the request id and address. */
        private static void copyHeaders(HttpHeaders from, HttpHeaders to, String requestId, @Nullable String client) {
            for (Map.Entry<String, String> header : from) {
                String name = header.getKey().toLowerCase(Locale.ROOT);
                if (!NOT_FORWARDED.contains(name) && !name.startsWith("x-forwarded-") && !name.equals("x-request-id")) {
                    to.add(header.getKey(), header.getValue());
                }
            }
            to.set(ClientHeaders.REQUEST_ID, requestId);
            if (client != null) {
                to.set(ClientHeaders.FORWARDED_FOR, client);
            }
        }

        /** The service's answer to the client: its status, headers without hop-by-hop ones, the gateway's own, its body. */
        private Mono<Void> answer(HttpServerResponse response, HttpResponseStatus status, HttpHeaders answer,
                Publisher<? extends io.netty.buffer.ByteBuf> body, String requestId, boolean https) {
            response.status(status);
            HttpHeaders headers = response.responseHeaders();
            if (cors) {
                CORS_VARY.forEach(value -> headers.add(HttpHeaderNames.VARY, value));
            }
            for (Map.Entry<String, String> header : answer) {
                if (!NOT_FORWARDED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                    headers.add(header.getKey(), header.getValue());
                }
            }
            securityHeaders.writeTo(headers, https, status.code());
            headers.set(ClientHeaders.REQUEST_ID, requestId);
            return response.send(body).then();
        }

        private static io.netty.channel.Channel channel(HttpServerRequest request) {
            io.netty.channel.Channel[] channel = new io.netty.channel.Channel[1];
            request.withConnection(connection -> channel[0] = connection.channel());
            return channel[0];
        }

        /** As the full way's {@code ProblemErrorHandler} answers a service that does not answer, or not in time. */
        private Mono<Void> failed(Throwable error, HttpServerResponse response, String path, String requestId, boolean https) {
            if (error instanceof ServiceLinks.ClientGone) {
                return Mono.empty();
            }
            response.responseHeaders().clear();
            if (causedBy(error, java.util.concurrent.TimeoutException.class)
                    || causedBy(error, io.netty.handler.timeout.ReadTimeoutException.class)) {
                return problem(response, HttpResponseStatus.GATEWAY_TIMEOUT, "Gateway Timeout",
                        "Response took longer than timeout: " + timeout, path, requestId, https);
            }
            if (causedBy(error, ConnectException.class)) {
                log.warn("Backend unavailable for {}: {}", path, error.toString());
                return problem(response, HttpResponseStatus.SERVICE_UNAVAILABLE, "Service Unavailable",
                        "The service behind " + path + " is not answering; try again shortly.", path, requestId, https);
            }
            log.error("Gateway failure on {}", path, error);
            return problem(response, HttpResponseStatus.INTERNAL_SERVER_ERROR, "Internal Server Error",
                    "Something went wrong in the gateway; it has been logged.", path, requestId, https);
        }

        private Mono<Void> problem(HttpServerResponse response, HttpResponseStatus status, String title, String detail,
                String path, String requestId, boolean https) {
            byte[] body = problems.body(status.code(), title, detail, path);
            response.status(status);
            HttpHeaders headers = response.responseHeaders();
            if (cors) {
                CORS_VARY.forEach(value -> headers.add(HttpHeaderNames.VARY, value));
            }
            headers.set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json");
            headers.set(HttpHeaderNames.CONTENT_LENGTH, body.length);
            securityHeaders.writeTo(headers, https, status.code());
            headers.set(ClientHeaders.REQUEST_ID, requestId);
            return response.send(Mono.just(Unpooled.wrappedBuffer(body))).then();
        }

        /** {@code http.server.requests}, with the tags WebFlux gives a forwarded request; one timer per method and status. */
        private void time(HttpServerRequest request, HttpServerResponse response, long started) {
            int status = response.status().code();
            boolean head = request.method() == HttpMethod.HEAD;
            timers.computeIfAbsent(head ? -status : status, key -> {
                String outcome = status < 200 ? "INFORMATIONAL" : status < 300 ? "SUCCESS" : status < 400 ? "REDIRECTION"
                        : status < 500 ? "CLIENT_ERROR" : "SERVER_ERROR";
                return Timer.builder("http.server.requests")
                        .tags(Tags.of("method", head ? "HEAD" : "GET", "uri", "UNKNOWN", "status", Integer.toString(status),
                                "outcome", outcome, "exception", "none", "error", "none"))
                        .register(meters);
            }).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }

        private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
            for (Throwable cause = error; cause != null; cause = cause.getCause()) {
                if (type.isInstance(cause)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A path of plain segments under /api/: letters, digits, {@code -._~}; no empty or dot segment. */
    static boolean plainPath(String path) {
        if (!path.startsWith(API) || path.length() == API.length()) {
            return false;
        }
        int segmentStart = 1;
        for (int i = 1; i <= path.length(); i++) {
            if (i == path.length() || path.charAt(i) == '/') {
                String segment = path.substring(segmentStart, i);
                boolean last = i == path.length();
                if ((segment.isEmpty() && !last) || segment.equals(".") || segment.equals("..")) {
                    return false;
                }
                segmentStart = i + 1;
            }
            else if (!plain(path.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** A query of plain characters and {@code =&,:+*!@}, without a token in it. */
    static boolean plainQuery(String query) {
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (!plain(c) && "=&,:+*!@".indexOf(c) < 0) {
                return false;
            }
        }
        return !query.contains("access_token");
    }

    /** Letters, digits and {@code -._~} only: one path segment, no slash. */
    private static boolean plain(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!plain(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean plain(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    }

    /** Header names and values of printable ASCII (values: and tabs) — what the full way's firewall surely lets pass. */
    static boolean plainHeaders(HttpHeaders headers) {
        for (Map.Entry<String, String> header : headers) {
            String name = header.getKey();
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (c <= 0x20 || c >= 0x7f) {
                    return false;
                }
            }
            String value = header.getValue();
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if ((c < 0x20 && c != '\t') || c >= 0x7f) {
                    return false;
                }
            }
        }
        return true;
    }
}
