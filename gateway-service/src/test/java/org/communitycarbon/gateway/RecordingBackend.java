package org.communitycarbon.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server in place of the services behind the gateway: it answers every request with 200 (and the
 * security headers a service sends) and records what reached it, so a test can see what the gateway forwarded and what it stopped.
 */
final class RecordingBackend implements AutoCloseable {

    /** A request as the backend saw it. */
    record Received(String path, @Nullable String authorization) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, List<String>> tracing = new ConcurrentHashMap<>();
    private final Map<String, Map<String, List<String>>> headers = new ConcurrentHashMap<>();

    RecordingBackend() {
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            received.add(new Received(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Authorization")));
            Map<String, List<String>> all = new java.util.TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> all.put(name, List.copyOf(values)));
            all.put(":method", List.of(exchange.getRequestMethod()));
            all.put(":uri", List.of(exchange.getRequestURI().toString()));
            headers.put(exchange.getRequestURI().getPath(), all);
            for (String name : List.of("X-Forwarded-For", "X-Request-Id")) {
                List<String> values = exchange.getRequestHeaders().get(name);
                tracing.put(exchange.getRequestURI().getPath() + " " + name, values == null ? List.of() : List.copyOf(values));
            }
            byte[] body = ("{\"path\":\"" + exchange.getRequestURI().getPath() + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            // what a service's Spring Security writes, so that a test can see the gateway does not add them twice
            exchange.getResponseHeaders().add("X-Content-Type-Options", "nosniff");
            exchange.getResponseHeaders().add("X-Frame-Options", "DENY");
            exchange.getResponseHeaders().add("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    List<Received> received() {
        return received;
    }

    /** The values of a header ({@code X-Forwarded-For} or {@code X-Request-Id}) of the last request for a path. */
    List<String> header(String path, String name) {
        return tracing.getOrDefault(path + " " + name, List.of());
    }

    /** Every header of the last request for a path, with its method and URI as {@code :method} and {@code :uri}. */
    Map<String, List<String>> headers(String path) {
        return headers.getOrDefault(path, Map.of());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
