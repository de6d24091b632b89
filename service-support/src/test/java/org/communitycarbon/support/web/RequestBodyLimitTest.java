package org.communitycarbon.support.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** A body past its path's limit is refused: at once when its length is declared, as it is read when not. */
class RequestBodyLimitTest {

    private final RequestBodyLimit filter = new RequestBodyLimit(DataSize.ofBytes(10),
            Map.of("/api/sensing/communities/*/inventory", DataSize.ofBytes(100)));

    @Test
    void aDeclaredLengthAboveTheLimitIsAnswered413Unread() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/credits/listings");
        request.setContent(new byte[11]);
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, response, chain);
        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(new String(response.getContentAsByteArray(), StandardCharsets.UTF_8)).contains("at most 10 bytes");
        assertThat(chain.getRequest()).as("nothing after the filter ran").isNull();
    }

    @Test
    void aPathWithItsOwnLimitTakesMore() {
        assertThat(filter.limitFor("/api/sensing/communities/maple-court/inventory")).isEqualTo(100);
        assertThat(filter.limitFor("/api/sensing/communities/maple-court")).isEqualTo(10);
    }

    @Test
    void aChunkedBodyFailsAsItIsReadPastTheLimit() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/credits/listings") {
            @Override
            public long getContentLengthLong() {
                return -1; // chunked: no length declared
            }
        };
        request.setContent("0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII));
        MockFilterChain chain = new MockFilterChain(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) throws java.io.IOException {
                req.getInputStream().readAllBytes();
            }
        });
        assertThatThrownBy(() -> filter.doFilter(request, new MockHttpServletResponse(), chain))
                .isInstanceOf(RequestBodyLimit.BodyTooLargeException.class).hasMessageContaining("10 bytes");
    }
}
