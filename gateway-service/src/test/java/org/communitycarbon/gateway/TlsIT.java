package org.communitycarbon.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.communitycarbon.infra.FreePorts;
import org.communitycarbon.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway as compose runs it: HTTPS on its port with a certificate from PEM files (made here, at test time, for
 * localhost), and plain HTTP on an internal port for the platform's own network.
 */
@SpringBootTest(classes = GatewayServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + GatewayServiceApplication.NAME)
class TlsIT {

    static final Certificate certificate = Certificate.forLocalhost();
    static final int internalPort = FreePorts.any();
    static final RecordingBackend backend = new RecordingBackend();

    @org.springframework.beans.factory.annotation.Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @org.junit.jupiter.api.AfterAll
    static void stop() {
        backend.close();
    }

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void tls(DynamicPropertyRegistry registry) {
        registry.add("GATEWAY_TLS_ENABLED", () -> "true");
        registry.add("GATEWAY_TLS_CERTIFICATE", () -> certificate.certificateFile().toString());
        registry.add("GATEWAY_TLS_PRIVATE_KEY", () -> certificate.privateKeyFile().toString());
        registry.add("GATEWAY_INTERNAL_PORT", () -> internalPort);
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", TestTokens::publicKeyLocation);
        registry.add("platform.security.issuer", () -> TestTokens.ISSUER);
        registry.add("CREDITS_URL", backend::url);
    }

    @Test
    void forwardsVerifiedReadsOnTheFastLaneWithHstsOverHttpsOnlyAsTheFullWayDoes() throws Exception {
        String bearer = TestTokens.bearer(TestTokens.resident("c1", "h1"));
        HttpRequest https = HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/api/credits/me"))
                .header("Authorization", bearer).header("X-Request-Id", "tls-1").build();
        double before = fastLane();

        HttpResponse<String> full = certificate.client().send(https, HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> fast = certificate.client().send(https, HttpResponse.BodyHandlers.ofString());
        // HTTP/1.1: a request asking to upgrade to HTTP/2 (h2c), as the JDK's client does by default, takes the full way
        HttpResponse<String> internal = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + internalPort + "/api/credits/me")).header("Authorization", bearer).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(fastLane()).as("the second and the internal port's took the fast lane").isEqualTo(before + 2);
        assertThat(fast.statusCode()).isEqualTo(200);
        assertThat(withoutDate(fast.headers().map())).isEqualTo(withoutDate(full.headers().map()));
        assertThat(fast.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000 ; includeSubDomains");
        assertThat(internal.statusCode()).isEqualTo(200);
        assertThat(internal.headers().firstValue("Strict-Transport-Security")).isEmpty();
        assertThat(internal.headers().firstValue("Content-Security-Policy")).isPresent();
    }

    private double fastLane() {
        var counter = meters.find(org.communitycarbon.gateway.forwarding.FastLane.FORWARDED_METER).counter();
        return counter == null ? 0 : counter.count();
    }

    private static java.util.Map<String, java.util.List<String>> withoutDate(java.util.Map<String, java.util.List<String>> headers) {
        java.util.Map<String, java.util.List<String>> copy = new java.util.TreeMap<>(headers);
        copy.remove("date");
        return copy;
    }

    @Test
    void servesHttpsWithTheConfiguredCertificateAndAsksBrowsersToStayOnIt() throws Exception {
        HttpResponse<String> page = certificate.client().send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.sslSession().orElseThrow().getPeerCertificates()[0]).isEqualTo(certificate.x509());
        assertThat(page.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000 ; includeSubDomains");
        assertThat(page.body()).contains("Community Carbon Platform");

        HttpResponse<String> refused = certificate.client().send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/api/credits/me")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Strict-Transport-Security")).isPresent();
    }

    @Test
    void speaksNoPlainHttpOnTheApiPort() {
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/")).timeout(Duration.ofSeconds(5)).build();
        // what is not a TLS handshake gets the connection closed
        assertThatThrownBy(() -> plain.send(request, HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
    }

    @Test
    void refusesClientsThatDoNotTrustTheCertificate() {
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/")).build();
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void servesThePlatformsOwnNetworkInPlainHttpOnTheInternalPortWithoutHsts() throws Exception {
        HttpClient plain = HttpClient.newHttpClient();
        HttpResponse<String> health = plain.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + internalPort + "/actuator/health/readiness")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> api = plain.send(HttpRequest.newBuilder(URI.create("http://localhost:" + internalPort + "/api/credits/me")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.headers().firstValue("Strict-Transport-Security")).isEmpty();
        assertThat(api.statusCode()).as("the same rules as on the HTTPS port").isEqualTo(401);
        assertThat(api.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(api.headers().firstValue("Strict-Transport-Security")).isEmpty();
    }

    /** A self-signed certificate for localhost, written as PEM files as deploy/tls/make-self-signed.sh writes them. */
    record Certificate(X509Certificate x509, Path certificateFile, Path privateKeyFile) {

        static Certificate forLocalhost() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair keys = generator.generateKeyPair();
                X500Name name = new X500Name("CN=localhost");
                Instant now = Instant.now();
                var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                        Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(1))), name, keys.getPublic());
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
                X509Certificate certificate = new JcaX509CertificateConverter()
                        .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
                Path directory = Files.createTempDirectory("gateway-tls");
                // deleted at exit in the reverse order of these calls: the files, then their directory
                directory.toFile().deleteOnExit();
                Path certificateFile = directory.resolve("gateway.crt");
                Path privateKeyFile = directory.resolve("gateway.key");
                certificateFile.toFile().deleteOnExit();
                privateKeyFile.toFile().deleteOnExit();
                Files.writeString(certificateFile, pem("CERTIFICATE", certificate.getEncoded()), StandardCharsets.US_ASCII);
                Files.writeString(privateKeyFile, pem("PRIVATE KEY", keys.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
                return new Certificate(certificate, certificateFile, privateKeyFile);
            }
            catch (Exception e) {
                throw new IllegalStateException("could not make a test certificate", e);
            }
        }

        /** A client that trusts this certificate only. */
        HttpClient client() throws Exception {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry("gateway", x509);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
        }

        private static String pem(String type, byte[] der) {
            return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                    + "\n-----END " + type + "-----\n";
        }
    }
}
