package org.communitycarbon.local;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitility.core.ConditionTimeoutException;

/**
 * A platform service in a JVM of its own, as a second instance beside the local platform's: started from the test's
 * class path, waited for until it is healthy, and killed as a crash would (SIGKILL: no shutdown hook, no graceful
 * stop of its consumers, nothing acknowledged that was not already).
 */
final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final int port;
    private final Process process;
    private final Path log;

    private ServiceProcess(String name, int port, Process process, Path log) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    static ServiceProcess start(Class<?> main, String name, int port, List<String> arguments) {
        try {
            Path log = Files.createTempFile(name + "-", ".log");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dlogback.configurationFile=local-platform-logback.xml",
                    "-cp", System.getProperty("java.class.path"), main.getName(), "--spring.config.name=" + name));
            command.addAll(arguments);
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new ServiceProcess(name, port, process, log);
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    /** Waits until the service answers its health endpoint with UP; fails at once if the process ends. */
    ServiceProcess awaitHealthy(Duration patience) {
        HttpClient http = HttpClient.newHttpClient();
        try {
            await().atMost(patience).pollInterval(Duration.ofMillis(500)).until(() -> healthy(http));
        }
        catch (ConditionTimeoutException e) {
            throw new AssertionError(name + " did not become healthy within " + patience + ":\n" + tail(), e);
        }
        return this;
    }

    private boolean healthy(HttpClient http) throws InterruptedException {
        if (!process.isAlive()) {
            throw new AssertionError(name + " ended with status " + process.exitValue() + ":\n" + tail());
        }
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        }
        catch (IOException e) {
            return false; // not listening yet
        }
    }

    /** Ends the process at once, as a crash would. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        }
        catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
