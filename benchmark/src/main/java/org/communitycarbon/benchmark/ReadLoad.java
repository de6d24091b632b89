package org.communitycarbon.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Reads a resident's credits ({@code GET /api/credits/me}) like the mobile app does: closed loop on a number
 * of connections (throughput, latency), or at a fixed rate whatever the answers' speed (latency measured from
 * when each request was due, so a slow answer cannot hide the requests that queue behind it).
 */
final class ReadLoad {

    /** Requests answered, errors, the elapsed time and the latencies (ms). */
    record Result(long requests, long errors, double seconds, double[] latencies) {

        double perSecond() {
            return requests / seconds;
        }

        Percentiles latency() {
            return Percentiles.of(latencies);
        }

        /** Several runs of the same path as one: their requests over their summed time. */
        static Result of(java.util.List<Result> runs) {
            return new Result(runs.stream().mapToLong(Result::requests).sum(), runs.stream().mapToLong(Result::errors).sum(),
                    runs.stream().mapToDouble(Result::seconds).sum(),
                    runs.stream().flatMapToDouble(run -> java.util.Arrays.stream(run.latencies())).toArray());
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    Result closedLoop(String url, String token, int connections, Duration duration) throws InterruptedException {
        ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        for (int c = 0; c < connections; c++) {
            pool.execute(() -> {
                while (System.nanoTime() < end) {
                    long began = System.nanoTime();
                    if (!get(url, token)) {
                        errors.incrementAndGet();
                    }
                    latencies.add((System.nanoTime() - began) / 1e6);
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(duration.toSeconds() + 30, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(latencies.size(), errors.get(), seconds, latencies.stream().mapToDouble(Double::doubleValue).toArray());
    }

    Result fixedRate(String url, String token, double perSecond, Duration duration) throws InterruptedException {
        ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        long interval = (long) (1e9 / perSecond);
        long count = (long) (perSecond * duration.toSeconds());
        ExecutorService pool = Executors.newFixedThreadPool(64);
        long start = System.nanoTime();
        for (long i = 0; i < count; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            pool.execute(() -> {
                if (!get(url, token)) {
                    errors.incrementAndGet();
                }
                latencies.add((System.nanoTime() - due) / 1e6);
            });
        }
        pool.shutdown();
        pool.awaitTermination(60, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(latencies.size(), errors.get(), seconds, latencies.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private boolean get(String url, String token) {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            return response.statusCode() == 200;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        catch (java.io.IOException e) {
            return false;
        }
    }
}
