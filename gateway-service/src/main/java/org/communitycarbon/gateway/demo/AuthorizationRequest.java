package org.communitycarbon.gateway.demo;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.util.MultiValueMap;

/**
 * The parameters of an authorization request (RFC 6749 §4.1.1 with PKCE, RFC 7636 §4.3), checked before the sign-in
 * page is shown and again when its form comes back: {@code response_type=code}, the one known {@code client_id}, a
 * {@code redirect_uri} out of the allowed ones exactly, a {@code code_challenge} with {@code code_challenge_method=S256},
 * and an optional {@code state} and {@code scope}. A request that fails any of these is refused outright — never sent
 * back to its {@code redirect_uri}, which may be anybody's.
 */
record AuthorizationRequest(String clientId, String redirectUri, String codeChallenge, @Nullable String state,
        @Nullable String scope) {

    static final List<String> PARAMETERS = List.of("response_type", "client_id", "redirect_uri", "state", "code_challenge",
            "code_challenge_method", "scope");

    /** {@code BASE64URL(SHA256(verifier))}: 43 characters exactly. */
    private static final Pattern S256_CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");
    /** RFC 6749's VSCHAR: printable ASCII. */
    private static final Pattern VISIBLE = Pattern.compile("[\\x20-\\x7E]*");
    private static final int MAX_STATE = 500;
    private static final int MAX_SCOPE = 200;
    private static final int MAX_REDIRECT_URI = 2000;

    /** A request, or why it is refused. */
    record Checked(@Nullable AuthorizationRequest request, @Nullable String refusal) {
    }

    /**
     * @param parameters the query of {@code GET /auth/authorize} or the form of its {@code POST}
     * @param clientId the one client allowed
     * @param redirectUris the redirect URIs allowed, each compared exactly
     */
    static Checked check(MultiValueMap<String, String> parameters, String clientId, Set<String> redirectUris) {
        for (String name : PARAMETERS) {
            List<String> values = parameters.get(name);
            if (values != null && values.size() > 1) {
                return refused("The parameter " + name + " is given more than once");
            }
        }
        String client = parameters.getFirst("client_id");
        if (client == null || !client.equals(clientId)) {
            return refused("Unknown client_id");
        }
        String redirectUri = parameters.getFirst("redirect_uri");
        if (redirectUri == null || redirectUri.length() > MAX_REDIRECT_URI || !redirectUris.contains(redirectUri)) {
            return refused("The redirect_uri is not one this issuer sends codes to");
        }
        if (!"code".equals(parameters.getFirst("response_type"))) {
            return refused("response_type must be code");
        }
        if (!"S256".equals(parameters.getFirst("code_challenge_method"))) {
            return refused("code_challenge_method must be S256");
        }
        String challenge = parameters.getFirst("code_challenge");
        if (challenge == null || !S256_CHALLENGE.matcher(challenge).matches()) {
            return refused("code_challenge must be the 43-character base64url SHA-256 of the code_verifier");
        }
        String state = blankToNull(parameters.getFirst("state"));
        if (state != null && (state.length() > MAX_STATE || !VISIBLE.matcher(state).matches())) {
            return refused("state must be at most " + MAX_STATE + " printable ASCII characters");
        }
        String scope = blankToNull(parameters.getFirst("scope"));
        if (scope != null && (scope.length() > MAX_SCOPE || !VISIBLE.matcher(scope).matches())) {
            return refused("scope must be at most " + MAX_SCOPE + " printable ASCII characters");
        }
        return new Checked(new AuthorizationRequest(client, redirectUri, challenge, state, scope), null);
    }

    private static Checked refused(String why) {
        return new Checked(null, why);
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
