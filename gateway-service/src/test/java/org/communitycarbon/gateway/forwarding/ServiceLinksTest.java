package org.communitycarbon.gateway.forwarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.ReadTimeoutException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.ConnectionProvider;

/**
 * {@link ServiceLinks} between a real client, a Reactor Netty server in front (as the gateway's) and a real service:
 * what the service sees of its connections, and what the client gets when the service closes, stalls or is gone.
 */
class ServiceLinksTest {

    private static final byte[] BIG = new byte[3 * 1024 * 1024];
    private static final AtomicInteger serviceConnections = new AtomicInteger();
    private static final AtomicInteger serviceConnectionsClosed = new AtomicInteger();
    private static final Set<String> peers = ConcurrentHashMap.newKeySet();
    private static final java.util.Map<io.netty.channel.ChannelId, AtomicInteger> requestsOn = new ConcurrentHashMap<>();
    private static DisposableServer service;
    private static DisposableServer front;
    private static int downPort;

    @BeforeAll
    static void start() throws Exception {
        Arrays.fill(BIG, (byte) 'x');
        service = HttpServer.create().host("127.0.0.1").port(0)
                .doOnChannelInit((observer, channel, address) -> {
                    serviceConnections.incrementAndGet();
                    channel.closeFuture().addListener(closed -> serviceConnectionsClosed.incrementAndGet());
                })
                .route(routes -> routes
                        .get("/hello", ServiceLinksTest::hello)
                        .head("/hello", ServiceLinksTest::hello)
                        .get("/close", (request, response) -> response.keepAlive(false).sendString(Mono.just("bye")))
                        // the second request on a connection: closed without an answer, as a service closing an idle
                        // connection at the moment a request arrives; /gone: every one
                        .get("/flaky", (request, response) -> {
                            Channel[] channel = new Channel[1];
                            request.withConnection(connection -> channel[0] = connection.channel());
                            if (requestsOn.computeIfAbsent(channel[0].id(), id -> new AtomicInteger()).incrementAndGet() == 2) {
                                channel[0].close();
                                return Mono.never();
                            }
                            return response.sendString(Mono.just("steady"));
                        })
                        .get("/gone", (request, response) -> {
                            request.withConnection(connection -> connection.channel().close());
                            return Mono.never();
                        })
                        .get("/slow", (request, response) -> response.sendString(Mono.just("late").delayElement(Duration.ofSeconds(3))))
                        .get("/big", (request, response) -> response.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(BIG.length))
                                .sendByteArray(Flux.range(0, 48).map(part -> Arrays.copyOfRange(BIG, part * BIG.length / 48, (part + 1) * BIG.length / 48)))))
                .idleTimeout(Duration.ofMillis(700))
                .bindNow();
        try (ServerSocket free = new ServerSocket(0)) {
            downPort = free.getLocalPort();
        }
        ServiceLinks links = new ServiceLinks(1000, Duration.ofMillis(500), Duration.ofSeconds(15));
        front = HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> forward(links, request, response)).bindNow();
    }

    private static org.reactivestreams.Publisher<Void> hello(HttpServerRequest request, HttpServerResponse response) {
        peers.add(request.remoteAddress().toString());
        return response.header("X-Host", request.requestHeaders().get(HttpHeaderNames.HOST)).sendString(Mono.just("hello"));
    }

    @AfterAll
    static void stop() {
        front.disposeNow();
        service.disposeNow();
    }

    private static Mono<Void> forward(ServiceLinks links, HttpServerRequest request, HttpServerResponse response) {
        String target = request.uri().startsWith("/down") ? "http://127.0.0.1:" + downPort : "http://127.0.0.1:" + service.port();
        String path = request.uri().startsWith("/down") ? "/hello" : request.uri();
        Channel[] client = new Channel[1];
        request.withConnection(connection -> client[0] = connection.channel());
        return links.exchange(client[0], target,
                () -> {
                    DefaultFullHttpRequest out = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, request.method(), path, Unpooled.EMPTY_BUFFER);
                    out.headers().set(HttpHeaderNames.HOST, FastLane.host(target));
                    return out;
                },
                (head, body) -> {
                    response.status(head.status());
                    head.headers().forEach(header -> {
                        if (!header.getKey().equalsIgnoreCase("connection")) {
                            response.header(header.getKey(), header.getValue());
                        }
                    });
                    return response.send(body).then();
                },
                () -> response.status(HttpResponseStatus.MISDIRECTED_REQUEST).sendString(Mono.just("pooled")).then())
                .onErrorResume(error -> response.status(HttpResponseStatus.BAD_GATEWAY).sendString(Mono.just(error.getClass().getName())).then());
    }

    /** A client that sends every request on one connection, one after the other. */
    private static HttpClient oneConnection(String name) {
        return HttpClient.create(ConnectionProvider.create(name, 1)).baseUrl("http://127.0.0.1:" + front.port());
    }

    private static String get(HttpClient client, String path) {
        return client.get().uri(path).responseSingle((head, body) -> body.asString().defaultIfEmpty("")
                .map(text -> head.status().code() + " " + text)).block(Duration.ofSeconds(10));
    }

    @Test
    void sendsAClientConnectionsReadsOnOneConnectionOfItsOwn() {
        HttpClient client = oneConnection("reads");
        int before = serviceConnections.get();
        peers.clear();
        for (int read = 0; read < 20; read++) {
            assertThat(get(client, "/hello")).isEqualTo("200 hello");
        }
        assertThat(serviceConnections.get() - before).as("one connection for twenty reads").isEqualTo(1);
        assertThat(peers).hasSize(1);
        assertThat(client.get().uri("/hello").responseSingle((head, body) -> Mono.just(head.responseHeaders().get("X-Host"))).block())
                .isEqualTo("127.0.0.1:" + service.port());

        // a second client connection has its own
        assertThat(get(oneConnection("other"), "/hello")).isEqualTo("200 hello");
        assertThat(serviceConnections.get() - before).isEqualTo(2);
    }

    @Test
    void opensANewConnectionAfterOneTheServiceClosed() {
        HttpClient client = oneConnection("closing");
        int before = serviceConnections.get();
        assertThat(get(client, "/close")).isEqualTo("200 bye");
        assertThat(get(client, "/hello")).isEqualTo("200 hello");
        assertThat(serviceConnections.get() - before).as("Connection: close is honoured").isEqualTo(2);

        // the service drops the connection while it is idle (its idle timeout): the next read still gets its answer
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> serviceConnectionsClosed.get() == serviceConnections.get());
        assertThat(get(client, "/hello")).isEqualTo("200 hello");
        assertThat(serviceConnections.get() - before).isEqualTo(3);
    }

    @Test
    void sendsAReadOnceMoreWhenItsConnectionClosedBeforeAnyAnswer() {
        HttpClient client = oneConnection("flaky");
        int before = serviceConnections.get();
        assertThat(get(client, "/flaky")).isEqualTo("200 steady");
        assertThat(get(client, "/flaky")).as("closed under it, sent again on a new connection").isEqualTo("200 steady");
        assertThat(serviceConnections.get() - before).isEqualTo(2);

        // once only, and not on a connection just opened: a service that never answers is a failure
        assertThat(get(client, "/gone")).startsWith("502 ").contains("IOException");
        assertThat(get(client, "/hello")).isEqualTo("200 hello");
    }

    @Test
    void streamsALargeAnswerWhole() {
        HttpClient client = oneConnection("big");
        byte[] body = client.get().uri("/big").responseSingle((head, content) -> content.asByteArray()).block(Duration.ofSeconds(10));
        assertThat(body).isEqualTo(BIG);
        assertThat(get(client, "/hello")).as("and the connection carries the next read").isEqualTo("200 hello");
    }

    @Test
    void answersAHeadWithoutABodyAndGoesOn() {
        HttpClient client = oneConnection("head");
        assertThat(client.head().uri("/hello").responseSingle((head, body) -> Mono.just(head.status().code())).block()).isEqualTo(200);
        assertThat(get(client, "/hello")).isEqualTo("200 hello");
    }

    @Test
    void givesUpOnAServiceThatStaysSilentAndOnOneThatIsDown() {
        HttpClient client = oneConnection("failing");
        assertThat(get(client, "/slow")).isEqualTo("502 " + ReadTimeoutException.class.getName());
        assertThat(get(client, "/hello")).as("a new connection for the next read").isEqualTo("200 hello");
        assertThat(get(client, "/down")).startsWith("502 ").satisfies(answer -> assertThat(
                ConnectException.class.isAssignableFrom(classOf(answer.substring(4)))).isTrue());
    }

    private static Class<?> classOf(String name) {
        try {
            return Class.forName(name);
        }
        catch (ClassNotFoundException unknown) {
            throw new AssertionError(name, unknown);
        }
    }

    @Test
    void leavesToThePooledClientWhatItCannotTakeOnItsOwnConnection() {
        // a read that resumed on another thread (a rate limit kept elsewhere) is not on its connection's event loop
        ServiceLinks links = new ServiceLinks(1000, null, null);
        DisposableServer hopping = HttpServer.create().host("127.0.0.1").port(0)
                .handle((request, response) -> Mono.delay(Duration.ofMillis(1)).then(forward(links, request, response))).bindNow();
        try {
            String answer = HttpClient.create().get().uri("http://127.0.0.1:" + hopping.port() + "/hello")
                    .responseSingle((head, body) -> body.asString().map(text -> head.status().code() + " " + text)).block();
            assertThat(answer).isEqualTo("421 pooled");
            assertThat(links.opened()).isZero();
        }
        finally {
            hopping.disposeNow();
        }
    }
}
