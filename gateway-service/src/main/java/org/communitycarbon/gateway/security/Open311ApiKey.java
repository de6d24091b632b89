package org.communitycarbon.gateway.security;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * An Open311 call at the standard's path that carries a partner app's {@code api_key} instead of a bearer token
 * (docs/open311.md, partner apps): the gateway lets it through to the ops service, which checks the key, its
 * community, expiry and rate. The key is in the query of a read, and in the form of a filing (as GeoReport v2 says),
 * which the gateway does not read: a form-encoded {@code POST} without a token goes through too, and the ops service
 * refuses it ({@code 401}) when the form has no valid key. A call with an {@code Authorization} header is a token
 * call, checked here as everywhere; {@code /api/**} always needs a token.
 */
final class Open311ApiKey {

    static final String PATH = "/open311/v2/";

    private Open311ApiKey() {
    }

    static Mono<MatchResult> carried(ServerWebExchange exchange) {
        return matches(exchange.getRequest()) ? MatchResult.match() : MatchResult.notMatch();
    }

    static boolean matches(ServerHttpRequest request) {
        String path = request.getPath().pathWithinApplication().value();
        if (!path.startsWith(PATH) || request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION) || escapes(path)) {
            return false;
        }
        if (request.getMethod() == HttpMethod.GET || request.getMethod() == HttpMethod.HEAD) {
            return request.getQueryParams().containsKey("api_key");
        }
        if (request.getMethod() == HttpMethod.POST) {
            MediaType type = request.getHeaders().getContentType();
            return request.getQueryParams().containsKey("api_key")
                    || (type != null && MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(type));
        }
        return false;
    }

    /** A path that could leave {@code /open311/v2/} once the service normalizes it: refused a pass without a token. */
    private static boolean escapes(String path) {
        String lower = path.toLowerCase(java.util.Locale.ROOT);
        return lower.contains("..") || lower.contains("%2e") || lower.contains("%2f") || lower.contains("%5c")
                || lower.contains("\\") || lower.contains(";");
    }
}
