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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.awaitility.core.ConditionTimeoutException;
import org.communitycarbon.support.PlatformApplication;
import org.springframework.boot.logging.LoggingSystem;

/**
 * Platform services in a JVM of their own, as further instances beside the local platform's: started from the test's
 * class path, waited for until each is healthy, and killed as a crash would (SIGKILL: no shutdown hook, no graceful
 * stop of its consumers, nothing acknowledged that was not already). Several services share the one JVM, as they do
 * in the local platform's, because each JVM's start costs a busy build half a minute of CPU.
 */
final class ServiceProcess implements AutoCloseable {

    /** One service to run: its main class, its name (and config file), its HTTP port and its command-line arguments. */
    record Service(Class<?> main, String name, int port, List<String> arguments) {
    }

    /** Separates the services on the child JVM's command line. */
    private static final String NEXT = "--next-service";

    private final String name;
    private final List<Service> services;
    private final Process process;
    private final Path log;

    private ServiceProcess(String name, List<Service> services, Process process, Path log) {
        this.name = name;
        this.services = services;
        this.process = process;
        this.log = log;
    }

    static ServiceProcess start(String name, List<Service> services) {
        try {
            // the log and the temporary files (Tomcat's, which a killed process cannot remove) stay in the build's directory
            Path directory = Files.createDirectories(Path.of("target", "service-processes"));
            Path log = Files.createTempFile(directory, name + "-", ".log");
            Path temporary = Files.createTempDirectory(directory, name + "-tmp-");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Djava.io.tmpdir=" + temporary.toAbsolutePath(),
                    "-cp", System.getProperty("java.class.path"), ServiceProcess.class.getName()));
            for (Service service : services) {
                command.addAll(List.of(NEXT, service.main().getName(), service.name()));
                command.addAll(service.arguments());
            }
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new ServiceProcess(name, services, process, log);
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    /**
     * The child JVM: {@code --next-service <main class> <name> <arguments>...}, once per service, started side by side
     * with logging configured once for the JVM, as the local platform does; if one fails to start, the JVM exits with 1.
     */
    public static void main(String[] args) throws Exception {
        System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        System.setProperty("logback.configurationFile", "local-platform-logback.xml");
        List<List<String>> services = new ArrayList<>();
        for (String argument : args) {
            if (argument.equals(NEXT)) {
                services.add(new ArrayList<>());
            }
            else {
                services.get(services.size() - 1).add(argument);
            }
        }
        ExecutorService starter = Executors.newFixedThreadPool(services.size());
        List<Future<?>> started = new ArrayList<>();
        for (List<String> service : services) {
            Class<?> main = Class.forName(service.get(0));
            started.add(starter.submit(() -> PlatformApplication.builder(main, service.get(1))
                    .run(service.subList(2, service.size()).toArray(String[]::new))));
        }
        try {
            for (Future<?> future : started) {
                future.get();
            }
        }
        catch (ExecutionException e) {
            // the services that did start would keep the JVM alive: end it, so the test sees the failure at once
            e.getCause().printStackTrace();
            System.exit(1);
        }
        starter.shutdown();
    }

    /** Waits until every service answers its health endpoint with UP; fails at once if the process ends. */
    ServiceProcess awaitHealthy(Duration patience) {
        HttpClient http = HttpClient.newHttpClient();
        try {
            await().atMost(patience).pollInterval(Duration.ofMillis(500))
                    .until(() -> services.stream().allMatch(service -> healthy(http, service.port())));
        }
        catch (ConditionTimeoutException e) {
            throw new AssertionError(name + " did not become healthy within " + patience + ":\n" + tail(), e);
        }
        return this;
    }

    private boolean healthy(HttpClient http, int port) {
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
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
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

    /** Stops the process if it still runs. */
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
