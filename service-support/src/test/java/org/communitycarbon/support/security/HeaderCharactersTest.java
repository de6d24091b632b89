package org.communitycarbon.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.RequestRejectedException;

/** The firewall's header rules without a regex accept and refuse exactly what Spring Security's default regexes do. */
class HeaderCharactersTest {

    /** StrictHttpFirewall's own patterns (spring-security-web 7.0): header names, and header values. */
    private static final Pattern NAMES = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern VALUES = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void judgesEveryCodePointAsTheDefaultRegexes() {
        // 1.1 million code points, twice each: the disagreements are collected and asserted once (an assertion per
        // code point cost 15 s)
        List<String> disagreements = new ArrayList<>();
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String alone = new String(Character.toChars(codePoint));
            String inToken = "Bearer eyJhbGciOi" + alone + "JSUzI1NiJ9";
            for (String text : List.of(alone, inToken)) {
                String where = text == alone ? "alone" : "in a token";
                if (HeaderCharacters.validName(text) != NAMES.matcher(text).matches()) {
                    disagreements.add(String.format("name U+%04X %s", codePoint, where));
                }
                if (HeaderCharacters.validValue(text) != VALUES.matcher(text).matches()) {
                    disagreements.add(String.format("value U+%04X %s", codePoint, where));
                }
            }
        }
        assertThat(disagreements).as("where the firewall's rules and the default regexes disagree").isEmpty();
    }

    @Test
    void judgesSurrogatesAndOddStringsAsTheDefaultRegexes() {
        List<String> texts = new ArrayList<>(List.of("", "\t", "a\tb", "a\u0000", "\u007F", "\u0085x", "\u00A0",
                "\uD800", "x\uDC00", "\uDBFF\uDFFF", "\uD83C\uDF31 leaf", "\uD83C", "\uDF31\uD83C", "\u0378", "\uFFFF", "名字"));
        texts.add("eyJ".repeat(270));
        for (String text : texts) {
            assertThat(HeaderCharacters.validName(text)).as("name %s", text.codePoints().boxed().toList())
                    .isEqualTo(NAMES.matcher(text).matches());
            assertThat(HeaderCharacters.validValue(text)).as("value %s", text.codePoints().boxed().toList())
                    .isEqualTo(VALUES.matcher(text).matches());
        }
    }

    @Test
    void theFirewallStillRefusesAControlCharacterInAHeader() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/credits/me");
        request.addHeader("Authorization", "Bearer abc\u0007def");
        request.addHeader("X-Ok", "fine\tvalue");
        var firewalled = HeaderCharacters.firewall().getFirewalledRequest(request);
        assertThat(firewalled.getHeader("X-Ok")).isEqualTo("fine\tvalue");
        assertThatThrownBy(() -> firewalled.getHeader("Authorization")).isInstanceOf(RequestRejectedException.class);
    }
}
