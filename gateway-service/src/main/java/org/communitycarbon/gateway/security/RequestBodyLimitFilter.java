package org.communitycarbon.gateway.security;

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Bounds request bodies at the edge, before authentication and before anything is read or forwarded: a declared
 * {@code Content-Length} above {@code platform.gateway.max-body-size} (6 MB, the largest any service takes — a CSV
 * inventory) is answered 413 at once; a chunked body is counted as it streams and cut off with 413 past the limit.
 * The services bound their own endpoints more tightly (64 KB for JSON).
 */
final class RequestBodyLimitFilter implements WebFilter, Ordered {

    private final long limit;
    private final Problems problems;

    RequestBodyLimitFilter(DataSize limit, Problems problems) {
        this.limit = limit.toBytes();
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        // right after the security headers, which only add headers as the response is sent
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long declared = exchange.getRequest().getHeaders().getContentLength();
        if (declared > limit) {
            exchange.getResponse().getHeaders().setConnection("close");
            return problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE, "Content Too Large",
                    "The request body may be at most " + limit + " bytes");
        }
        if (declared >= 0) {
            return chain.filter(exchange);
        }
        AtomicLong read = new AtomicLong();
        ServerHttpRequest counted = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                return super.getBody().handle((buffer, sink) -> {
                    if (read.addAndGet(buffer.readableByteCount()) > limit) {
                        org.springframework.core.io.buffer.DataBufferUtils.release(buffer);
                        sink.error(new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE,
                                "The request body may be at most " + limit + " bytes"));
                        return;
                    }
                    sink.next(buffer);
                });
            }
        };
        return chain.filter(exchange.mutate().request(counted).build());
    }
}
