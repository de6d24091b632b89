package org.communitycarbon.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.communitycarbon.model.security.Role;
import org.communitycarbon.model.security.TokenClaims;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Keycloak realm of the production identity path ({@code deploy/keycloak/community-carbon-realm.json},
 * docs/security.md) issues tokens the platform accepts and reads: checked in the file, as no Keycloak runs here.
 */
class KeycloakRealmTest {

    private static final Path EXPORT = Path.of("..", "deploy", "keycloak", "community-carbon-realm.json");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNode REALM = JSON.readTree(EXPORT.toFile());

    /** The platform's defaults, as the gateway binds them without any setting. */
    private static final TokenSettings DEFAULTS = new Binder(new MapConfigurationPropertySource(Map.of()))
            .bindOrCreate("platform.security", TokenSettings.class);

    @Test
    void isTheCommunityCarbonRealmWithExactlyThePlatformsRolesAsRealmRoles() {
        assertThat(REALM.path("realm").asString()).isEqualTo("community-carbon");
        assertThat(REALM.path("enabled").asBoolean()).isTrue();
        assertThat(names(REALM.path("roles").path("realm")))
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(Role.values()).map(Role::name).toList());
        assertThat(REALM.path("roles").path("realm").valueStream()).allMatch(role -> !role.path("composite").asBoolean());
    }

    @Test
    void hasOnePublicClientForTheAuthorizationCodeFlowWithPkceS256Only() {
        JsonNode client = client();
        assertThat(client.path("publicClient").asBoolean()).isTrue();
        assertThat(client.path("standardFlowEnabled").asBoolean()).isTrue();
        assertThat(client.path("implicitFlowEnabled").asBoolean(true)).as("implicit flow").isFalse();
        assertThat(client.path("directAccessGrantsEnabled").asBoolean(true)).as("passwords sent to the client").isFalse();
        assertThat(client.path("serviceAccountsEnabled").asBoolean(true)).isFalse();
        assertThat(client.path("attributes").path("pkce.code.challenge.method").asString()).isEqualTo("S256");
        assertThat(client.path("attributes").path("oauth2.device.authorization.grant.enabled").asString()).isEqualTo("false");
        assertThat(client.path("attributes").path("oidc.ciba.grant.enabled").asString()).isEqualTo("false");
        assertThat(strings(client.path("redirectUris"))).isNotEmpty().noneMatch(uri -> uri.contains("*"));
        assertThat(strings(client.path("webOrigins"))).isNotEmpty().doesNotContain("*", "+");
    }

    @Test
    void sendsTheDashboardBackToExactlyItsOwnOriginWhichMayCallTheTokenEndpoint() {
        // the dashboard (served by the gateway at /) asks for redirect_uri = its origin + "/", then posts the code to
        // Keycloak's token endpoint from that origin
        JsonNode client = client();
        List<String> web = strings(client.path("redirectUris")).stream().filter(uri -> uri.startsWith("http")).toList();
        assertThat(web).isNotEmpty().allSatisfy(uri -> {
            java.net.URI parsed = java.net.URI.create(uri);
            assertThat(parsed.getPath()).isEqualTo("/");
            assertThat(parsed.getQuery()).isNull();
            assertThat(strings(client.path("webOrigins"))).contains(parsed.getScheme() + "://" + parsed.getAuthority());
        });
        assertThat(client.path("rootUrl").asString() + "/").isIn(web);
    }

    @Test
    void putsThePlatformsAudienceIntoAccessTokens() {
        JsonNode audience = mappers("oidc-audience-mapper").get(0);
        assertThat(audience.path("config").path("included.custom.audience").asString()).isEqualTo(DEFAULTS.audience());
        assertThat(audience.path("config").path("access.token.claim").asString()).isEqualTo("true");
    }

    @Test
    void putsTheRealmRolesIntoTheClaimThePlatformReadsByDefault() {
        JsonNode roles = mappers("oidc-usermodel-realm-role-mapper").get(0);
        assertThat(DEFAULTS.rolesClaim()).isEqualTo(TokenClaims.ROLES);
        assertThat(roles.path("config").path("claim.name").asString()).isEqualTo(DEFAULTS.rolesClaim());
        assertThat(roles.path("config").path("multivalued").asString()).isEqualTo("true");
        assertThat(roles.path("config").path("access.token.claim").asString()).isEqualTo("true");
        assertThat(roles.path("config").path("usermodel.realmRoleMapping.rolePrefix").asString("")).isEmpty();
    }

    @Test
    void mapsAUserAttributeToEveryScopeClaimTheServicesRead() throws IllegalAccessException {
        Map<String, JsonNode> byClaim = new HashMap<>();
        for (JsonNode mapper : mappers("oidc-usermodel-attribute-mapper")) {
            byClaim.put(mapper.path("config").path("claim.name").asString(), mapper.path("config"));
        }
        List<String> scopeClaims = claims().stream().filter(claim -> !claim.equals(TokenClaims.ROLES)).toList();
        assertThat(scopeClaims).contains(TokenClaims.HOUSEHOLD, TokenClaims.COMMUNITY, TokenClaims.COMMUNITIES, TokenClaims.STREET,
                TokenClaims.PARTNER);
        Set<String> declared = userProfileAttributes().keySet();
        for (String claim : scopeClaims) {
            JsonNode config = byClaim.get(claim);
            assertThat(config).as("a mapper for the %s claim", claim).isNotNull();
            assertThat(config.path("access.token.claim").asString()).as(claim).isEqualTo("true");
            assertThat(config.path("multivalued").asString()).as(claim)
                    .isEqualTo(claim.equals(TokenClaims.COMMUNITIES) ? "true" : "false");
            String attribute = config.path("user.attribute").asString();
            assertThat(declared).as("the user profile declares %s", attribute).contains(attribute);
        }
    }

    @Test
    void letsOnlyAdministratorsSetTheAttributesThatScopeAUser() {
        Map<String, JsonNode> attributes = userProfileAttributes();
        for (JsonNode mapper : mappers("oidc-usermodel-attribute-mapper")) {
            JsonNode attribute = attributes.get(mapper.path("config").path("user.attribute").asString());
            assertThat(strings(attribute.path("permissions").path("edit"))).as(attribute.path("name").asString())
                    .containsExactly("admin");
        }
        JsonNode profile = userProfile();
        assertThat(profile.path("unmanagedAttributePolicy").asString("DISABLED"))
                .as("users cannot add attributes of their own").isIn("DISABLED", "ADMIN_VIEW", "ADMIN_EDIT");
        assertThat(attributes.get(TokenClaims.COMMUNITIES).path("multivalued").asBoolean()).isTrue();
    }

    @Test
    void issuesShortLivedAccessTokensAndThrottlesPasswordGuessing() {
        assertThat(REALM.path("accessTokenLifespan").asInt()).isBetween(60, 300);
        assertThat(REALM.path("bruteForceProtected").asBoolean()).isTrue();
        assertThat(REALM.path("failureFactor").asInt()).isBetween(1, 10);
        assertThat(REALM.path("registrationAllowed").asBoolean(true)).as("accounts are made by an administrator").isFalse();
        assertThat(REALM.path("defaultSignatureAlgorithm").asString()).as("what the platform verifies").isEqualTo("RS256");
    }

    @Test
    void holdsNoUsersCredentialsOrSecrets() {
        assertThat(REALM.has("users")).as("users are added after the import (docs/security.md)").isFalse();
        List<String> found = new ArrayList<>();
        walk(REALM, "", found);
        assertThat(found).isEmpty();
    }

    private static void walk(JsonNode node, String at, List<String> found) {
        Set<String> secretNames = Set.of("credentials", "secret", "password", "value", "hashedsaltedvalue", "secretdata",
                "credentialdata", "privatekey", "certificate", "client_secret", "bindcredential");
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (secretNames.contains(field.getKey().toLowerCase(java.util.Locale.ROOT))) {
                found.add(at + "/" + field.getKey());
            }
            walk(field.getValue(), at + "/" + field.getKey(), found);
        }
        for (int i = 0; node.isArray() && i < node.size(); i++) {
            walk(node.get(i), at + "/" + i, found);
        }
    }

    private static JsonNode client() {
        JsonNode clients = REALM.path("clients");
        assertThat(clients.size()).as("one client: the dashboard's and the resident app's").isEqualTo(1);
        return clients.get(0);
    }

    private static List<JsonNode> mappers(String kind) {
        List<JsonNode> found = client().path("protocolMappers").valueStream()
                .filter(mapper -> mapper.path("protocolMapper").asString().equals(kind)).toList();
        assertThat(found).as("mappers of kind %s", kind).isNotEmpty();
        return found;
    }

    private static JsonNode userProfile() {
        JsonNode provider = REALM.path("components").path("org.keycloak.userprofile.UserProfileProvider").get(0);
        return JSON.readTree(provider.path("config").path("kc.user.profile.config").get(0).asString());
    }

    private static Map<String, JsonNode> userProfileAttributes() {
        return userProfile().path("attributes").valueStream()
                .collect(Collectors.toMap(attribute -> attribute.path("name").asString(), attribute -> attribute));
    }

    /** Every claim name of {@link TokenClaims}, so that a new one cannot be forgotten here. */
    private static List<String> claims() throws IllegalAccessException {
        List<String> claims = new ArrayList<>();
        for (Field field : TokenClaims.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                claims.add((String) field.get(null));
            }
        }
        return claims;
    }

    private static List<String> names(JsonNode array) {
        return array.valueStream().map(node -> node.path("name").asString()).toList();
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }
}
