package org.communitycarbon.support.security;

import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * The request firewall's rules for header names and values, exactly as strict as {@link StrictHttpFirewall}'s
 * defaults but without a regular expression. Its defaults match each header value against
 * {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*} (each name against the same without the tab) every time a header is
 * read; for a request carrying an 800-character bearer token that was a Unicode regex walk over the token on each read.
 * Here printable ASCII, all a token or an ordinary header has, is accepted by a range check, and any other character
 * is judged by the very properties the regex uses: assigned in Unicode ({@link Character#getType} not
 * {@code UNASSIGNED}) and not a control character ({@code CONTROL}, general category Cc), the tab allowed in values.
 * {@code HeaderCharactersTest} checks both against the regexes for every code point.
 */
final class HeaderCharacters {

    private HeaderCharacters() {
    }

    /** A header name: assigned characters, no control character. */
    static boolean validName(String name) {
        return valid(name, false);
    }

    /** A header value: assigned characters, no control character but the tab. */
    static boolean validValue(String value) {
        return valid(value, true);
    }

    /** The platform's request firewall: Spring Security's strict one, with these header rules. */
    static StrictHttpFirewall firewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(HeaderCharacters::validName);
        firewall.setAllowedHeaderValues(HeaderCharacters::validValue);
        return firewall;
    }

    private static boolean valid(String text, boolean tabAllowed) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7F) {
                continue; // printable ASCII: assigned, not a control
            }
            int codePoint = text.codePointAt(i);
            if (Character.isSupplementaryCodePoint(codePoint)) {
                i++;
            }
            int type = Character.getType(codePoint);
            if (type == Character.UNASSIGNED || type == Character.CONTROL && !(tabAllowed && codePoint == '\t')) {
                return false;
            }
        }
        return true;
    }
}
