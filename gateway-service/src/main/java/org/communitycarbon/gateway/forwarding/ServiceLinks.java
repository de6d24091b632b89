package org.communitycarbon.gateway.forwarding;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.ReferenceCounted;
import io.netty.util.concurrent.ScheduledFuture;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * The fast lane's connections to the services: each client connection keeps its own connection to each service it
 * reads, opened on the client connection's event loop and used for one request at a time. A request then never waits
 * for a pool, never changes threads, and goes through no more than Netty's HTTP codec — the pooled Reactor Netty client
 * cost about half of the gateway's CPU on a read (docs/performance.md, reads). It behaves as that client does:
 * <ul>
 * <li>an answer that arrives whole within 64 KB goes to the client whole, in one write; a longer one streams as it
 * comes, read from the service only as fast as the client takes it;
 * <li>a connection the service closes while it is idle is dropped then (it is read from while idle); a request that
 * finds its connection closed under it before any answer — a read, so safe to send again — goes once more on a new
 * connection; an answer that says {@code Connection: close} closes it; one idle longer than the pool's
 * {@code max-idle-time} is replaced;
 * <li>no answer within the response timeout (between reads) is a {@link ReadTimeoutException}, a refused connection a
 * {@link java.net.ConnectException}, as the caller maps them;
 * <li>the connections close with the client's connection, or when the client gives up on an answer.
 * </ul>
 * A client connection this cannot serve — HTTP/2's streams, a transport other than TCP, a request that resumed on
 * another thread (a rate limit kept in Redis), a second request while one is in flight — takes the pooled client.
 */
final class ServiceLinks {

    private static final AttributeKey<Map<String, Link>> LINKS = AttributeKey.valueOf(ServiceLinks.class, "links");
    private static final Map<Class<?>, Boolean> OPENABLE = new ConcurrentHashMap<>();

    private final int connectTimeoutMillis;
    private final long responseTimeoutNanos;
    private final long maxIdleNanos;
    private final Map<String, InetSocketAddress> addresses = new ConcurrentHashMap<>();
    private final LongAdder opened = new LongAdder();

    /**
     * @param connectTimeout as the pooled client's; null: Netty's default
     * @param responseTimeout as the pooled client's; null: none
     * @param maxIdle as the pool's {@code max-idle-time}; null: kept while the service keeps it
     */
    ServiceLinks(@Nullable Integer connectTimeout, @Nullable Duration responseTimeout, @Nullable Duration maxIdle) {
        this.connectTimeoutMillis = connectTimeout == null ? 30_000 : connectTimeout;
        this.responseTimeoutNanos = responseTimeout == null ? 0 : responseTimeout.toNanos();
        this.maxIdleNanos = maxIdle == null ? Long.MAX_VALUE : maxIdle.toNanos();
    }

    /** How many connections to the services were opened. */
    long opened() {
        return opened.sum();
    }

    /** The service's answer: its head, then its body, which the receiver must subscribe to. */
    interface Answer {
        Mono<Void> accept(HttpResponse head, Publisher<ByteBuf> body);
    }

    /**
     * Sends {@code request} (a read without a body) to the service at {@code target} ({@code http://host:port}) on the
     * client connection's own link and hands its answer to {@code answer}; or, where that cannot be done, returns what
     * {@code otherwise} does. An answer that arrives whole within {@value #WHOLE} bytes is handed on as one buffer
     * ({@link Mono}), which Reactor Netty writes to the client in one go; a longer one streams.
     */
    Mono<Void> exchange(Channel client, String target, Supplier<HttpRequest> request, Answer answer, Supplier<Mono<Void>> otherwise) {
        return Mono.defer(() -> {
            EventLoop loop = client.eventLoop();
            if (!loop.inEventLoop() || !openable(client)) {
                return otherwise.get();
            }
            Map<String, Link> links = links(client);
            Link link = links.get(target);
            if (link != null && link.busy()) {
                return otherwise.get();
            }
            if (link != null && !link.usable(System.nanoTime())) {
                link.close();
                link = null;
            }
            Link chosen = link != null ? link : new Link(client, target, links);
            return Mono.<Head>create(sink -> chosen.begin(request, sink)).flatMap(head -> answer.accept(head.head(), head.body()));
        });
    }

    /** Answers up to this size are handed on whole; longer ones stream from here on. */
    static final int WHOLE = 64 * 1024;

    /** An answer's head and its body: whole, or streaming. */
    private record Head(HttpResponse head, Publisher<ByteBuf> body) {
    }

    /** A TCP connection accepted by a server socket, whose class opens client connections too (NIO, epoll, kqueue). */
    private static boolean openable(Channel client) {
        return client instanceof SocketChannel && client.parent() instanceof ServerSocketChannel
                && OPENABLE.computeIfAbsent(client.getClass(), type -> {
                    try {
                        return Modifier.isPublic(type.getModifiers()) && Modifier.isPublic(type.getConstructor().getModifiers());
                    }
                    catch (NoSuchMethodException noDefaultConstructor) {
                        return false;
                    }
                });
    }

    private static Map<String, Link> links(Channel client) {
        Map<String, Link> links = client.attr(LINKS).get();
        if (links == null) {
            Map<String, Link> created = new HashMap<>(4);
            client.attr(LINKS).set(created);
            client.closeFuture().addListener(closed -> List.copyOf(created.values()).forEach(Link::close));
            links = created;
        }
        return links;
    }

    private InetSocketAddress address(String target) {
        return addresses.computeIfAbsent(target, base -> {
            URI uri = URI.create(base);
            return InetSocketAddress.createUnresolved(uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort());
        });
    }

    private static void onLoop(Channel client, Runnable task) {
        if (client.eventLoop().inEventLoop()) {
            task.run();
        }
        else {
            client.eventLoop().execute(task);
        }
    }

    /**
     * One client connection's connection to one service, and its handler (on each connection it opens, one after the
     * other); everything here runs on the client connection's event loop.
     */
    @ChannelHandler.Sharable
    private final class Link extends ChannelInboundHandlerAdapter {

        private final Channel client;
        private final String target;
        private final Map<String, Link> links;
        private @Nullable Channel channel;
        /** Until the answer's head is handed on: who waits for it. */
        private @Nullable MonoSink<Head> starting;
        /** Once a long answer streams: its body. */
        private @Nullable Stream stream;
        private @Nullable Supplier<HttpRequest> request;
        private @Nullable HttpResponse head;
        /** The answer's body while it is held to be handed on whole. */
        private final ArrayDeque<ByteBuf> held = new ArrayDeque<>();
        private int heldBytes;
        private boolean reused;
        private boolean retried;
        private long lastRead;
        private long idleSince;
        private @Nullable ScheduledFuture<?> timer;

        Link(Channel client, String target, Map<String, Link> links) {
            this.client = client;
            this.target = target;
            this.links = links;
            links.put(target, this);
        }

        boolean busy() {
            return starting != null || stream != null;
        }

        boolean usable(long now) {
            return channel != null && channel.isActive() && now - idleSince < maxIdleNanos;
        }

        void begin(Supplier<HttpRequest> request, MonoSink<Head> sink) {
            if (!client.eventLoop().inEventLoop() || busy() || links.get(target) != this) {
                sink.error(new IllegalStateException("The link to " + target + " was taken"));
                return;
            }
            this.starting = sink;
            this.request = request;
            this.retried = false;
            sink.onCancel(() -> onLoop(client, () -> {
                if (starting == sink) {
                    // the client gave up before the answer came: this connection cannot carry another
                    close();
                }
            }));
            send();
        }

        private void send() {
            head = null;
            lastRead = System.nanoTime();
            if (responseTimeoutNanos > 0 && timer == null) {
                timer = client.eventLoop().schedule(this::checkTimeout, responseTimeoutNanos, TimeUnit.NANOSECONDS);
            }
            if (channel != null && channel.isActive()) {
                reused = true;
                write(channel);
                return;
            }
            reused = false;
            opened.increment();
            ChannelFactory<Channel> sockets = () -> newSocket(client);
            ChannelFuture connecting = new Bootstrap()
                    .group(client.eventLoop())
                    .channelFactory(sockets)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel opened) {
                            opened.pipeline().addLast(new HttpClientCodec(), Link.this);
                        }
                    })
                    .connect(address(target));
            channel = connecting.channel();
            connecting.addListener(connected -> {
                if (connected.isSuccess()) {
                    write(connecting.channel());
                }
                else {
                    fail(connecting.channel(), connected.cause());
                }
            });
        }

        private void write(Channel channel) {
            channel.writeAndFlush(request.get()).addListener(written -> {
                if (!written.isSuccess()) {
                    fail(channel, written.cause());
                }
            });
        }

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            if (!busy() || context.channel() != channel) {
                // nothing was asked: a service talking out of turn cannot be trusted with the next request
                ReferenceCountUtil.release(message);
                context.close();
                return;
            }
            lastRead = System.nanoTime();
            HttpObject part = (HttpObject) message;
            if (part.decoderResult().isFailure()) {
                ReferenceCountUtil.release(message);
                fail(context.channel(), part.decoderResult().cause());
                return;
            }
            if (part instanceof HttpResponse response) {
                if (response.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
                    ReferenceCountUtil.release(message);
                    return;
                }
                head = response;
            }
            if (part instanceof HttpContent content) {
                ByteBuf bytes = content.content();
                if (!bytes.isReadable()) {
                    content.release();
                }
                else if (stream != null) {
                    stream.next(bytes);
                }
                else {
                    held.add(bytes);
                    heldBytes += bytes.readableBytes();
                }
                if (part instanceof LastHttpContent) {
                    finish();
                }
                else if (stream == null && heldBytes > WHOLE && head != null) {
                    streamFromHere();
                }
            }
        }

        /** A long answer: its head goes on now, its body as it comes. */
        private void streamFromHere() {
            MonoSink<Head> waiting = starting;
            Stream body = new Stream(held);
            held.clear();
            heldBytes = 0;
            stream = body;
            starting = null;
            waiting.success(new Head(head, Flux.<ByteBuf>create(body::attach, FluxSink.OverflowStrategy.BUFFER)
                    .doOnDiscard(ReferenceCounted.class, ReferenceCountUtil::safeRelease)));
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext context) {
            Stream current = stream;
            if (current != null && context.channel() == channel && !current.wantsMore()) {
                // read on only as fast as the client takes the answer
                channel.config().setAutoRead(false);
            }
        }

        private void resume(Stream wanting) {
            if (stream == wanting && channel != null) {
                channel.config().setAutoRead(true);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext context) {
            if (context.channel() == channel) {
                fail(context.channel(), new IOException("The service at " + target + " closed the connection before its answer ended"));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            fail(context.channel(), cause);
        }

        /** The answer is all here: hand it on (whole, or the stream's end), and keep the connection if the service does. */
        private void finish() {
            boolean keepAlive = head != null && HttpUtil.isKeepAlive(head);
            MonoSink<Head> waiting = starting;
            Stream streaming = stream;
            HttpResponse answered = head;
            Publisher<ByteBuf> whole = waiting == null ? null : whole();
            done();
            idleSince = System.nanoTime();
            if (!keepAlive) {
                close();
            }
            else if (channel != null) {
                // reading on while idle notices the service closing the connection (its keep-alive timeout)
                channel.config().setAutoRead(true);
            }
            if (waiting != null) {
                waiting.success(new Head(answered, whole));
            }
            else if (streaming != null) {
                streaming.end();
            }
        }

        /** The held body as one buffer, without copying. */
        private Publisher<ByteBuf> whole() {
            Publisher<ByteBuf> whole = held.isEmpty() ? Mono.empty() : held.size() == 1 ? Mono.just(held.poll())
                    : Mono.just(Unpooled.wrappedBuffer(held.toArray(ByteBuf[]::new)));
            held.clear();
            heldBytes = 0;
            return whole;
        }

        private void checkTimeout() {
            timer = null;
            if (!busy()) {
                return;
            }
            long quiet = System.nanoTime() - lastRead;
            if (quiet >= responseTimeoutNanos) {
                Channel timedOut = channel;
                abandon(ReadTimeoutException.INSTANCE);
                if (timedOut != null) {
                    close(timedOut);
                }
            }
            else {
                timer = client.eventLoop().schedule(this::checkTimeout, responseTimeoutNanos - quiet, TimeUnit.NANOSECONDS);
            }
        }

        /** The connection failed: a read that got no answer yet on a reused connection goes once more on a new one. */
        private void fail(Channel failed, Throwable cause) {
            if (failed != channel) {
                failed.close();
                return;
            }
            close(failed);
            if (!busy()) {
                links.remove(target, this);
                return;
            }
            if (starting != null && head == null && reused && !retried) {
                retried = true;
                release(held);
                heldBytes = 0;
                send();
                return;
            }
            abandon(cause);
        }

        /** Ends the exchange in flight with {@code cause}; this link is not used again. */
        private void abandon(Throwable cause) {
            MonoSink<Head> waiting = starting;
            Stream streaming = stream;
            done();
            links.remove(target, this);
            if (waiting != null) {
                waiting.error(cause);
            }
            else if (streaming != null) {
                streaming.error(cause);
            }
        }

        private void done() {
            starting = null;
            stream = null;
            request = null;
            head = null;
            release(held);
            heldBytes = 0;
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
        }

        void close() {
            abandon(new ClientGone());
            links.remove(target, this);
            Channel open = channel;
            if (open != null) {
                close(open);
            }
        }

        private void close(Channel open) {
            if (open == channel) {
                channel = null;
            }
            open.close();
        }

        /** A long answer's body, from the held part on; read from the service only while the client asks for more. */
        private final class Stream {

            private final ArrayDeque<ByteBuf> early;
            private @Nullable FluxSink<ByteBuf> sink;
            private boolean ended;
            private @Nullable Throwable failure;

            Stream(ArrayDeque<ByteBuf> held) {
                this.early = new ArrayDeque<>(held);
            }

            void attach(FluxSink<ByteBuf> subscriber) {
                onLoop(client, () -> {
                    sink = subscriber;
                    subscriber.onRequest(requested -> onLoop(client, () -> resume(this)));
                    subscriber.onCancel(() -> onLoop(client, () -> {
                        if (stream == this) {
                            // the client went away in the middle of the answer: the connection cannot carry another
                            close();
                        }
                    }));
                    while (!early.isEmpty()) {
                        subscriber.next(early.poll());
                    }
                    if (failure != null) {
                        subscriber.error(failure);
                    }
                    else if (ended) {
                        subscriber.complete();
                    }
                });
            }

            boolean wantsMore() {
                return sink != null && sink.requestedFromDownstream() > 0;
            }

            void next(ByteBuf bytes) {
                if (sink != null) {
                    sink.next(bytes);
                }
                else {
                    early.add(bytes);
                }
            }

            void end() {
                ended = true;
                if (sink != null) {
                    sink.complete();
                }
            }

            void error(Throwable cause) {
                failure = cause;
                if (sink != null) {
                    sink.error(cause);
                }
                else {
                    release(early);
                }
            }
        }
    }

    private static void release(ArrayDeque<ByteBuf> buffers) {
        while (!buffers.isEmpty()) {
            buffers.poll().release();
        }
    }

    /** An answer no one waits for any more: the client's connection closed. Nothing to answer, nothing to log. */
    static final class ClientGone extends IOException {
        ClientGone() {
            super("The client's connection closed before the answer ended", null);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    private static Channel newSocket(Channel client) {
        try {
            return client.getClass().getConstructor().newInstance();
        }
        catch (ReflectiveOperationException notOpenable) {
            throw new IllegalStateException("Cannot open a " + client.getClass().getName(), notOpenable);
        }
    }
}
