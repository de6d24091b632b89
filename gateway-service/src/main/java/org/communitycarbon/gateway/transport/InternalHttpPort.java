package org.communitycarbon.gateway.transport;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.boot.web.server.WebServer;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.stereotype.Component;

/**
 * A second, plain-HTTP port ({@code platform.gateway.internal-port}, {@code GATEWAY_INTERNAL_PORT}) serving the very
 * same application as {@code server.port}, for when {@code server.port} serves HTTPS: the platform's own network
 * (health checks, Prometheus, the services fetching the demo issuer's keys, the simulator) keeps speaking HTTP to
 * the gateway without trusting its certificate. The same filters run on it: tokens, limits, headers (without HSTS, as
 * it is not TLS). It must never be published beyond that network. Not set: no second port.
 */
@Component
class InternalHttpPort implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InternalHttpPort.class);

    private final @Nullable Integer port;
    private final ObjectProvider<HttpHandler> application;
    private final ObjectProvider<NettyRouteProvider> routes;
    private @Nullable WebServer server;

    InternalHttpPort(@Value("${platform.gateway.internal-port:}") @Nullable Integer port, ObjectProvider<HttpHandler> application,
            ObjectProvider<NettyRouteProvider> routes) {
        this.port = port;
        this.application = application;
        this.routes = routes;
    }

    @Override
    public void start() {
        if (port == null) {
            return;
        }
        NettyReactiveWebServerFactory factory = new NettyReactiveWebServerFactory(port);
        // the fast lane too (org.communitycarbon.gateway.forwarding)
        routes.orderedStream().forEach(factory::addRouteProviders);
        WebServer started = factory.getWebServer(application.getObject());
        started.start();
        server = started;
        log.info("Plain HTTP for the platform's own network on port {}", started.getPort());
    }

    @Override
    public void stop() {
        WebServer running = server;
        server = null;
        if (running != null) {
            running.stop();
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }
}
