package org.communitycarbon.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;

/**
 * What the machine gave a run, so that figures from different days can be told apart: on a shared virtual machine the
 * same command has run two to three times slower one day than the evening before (docs/performance.md, machine).
 * <ul>
 * <li>{@link #cpuSpeed()}: one core's speed at a fixed piece of work (SHA-256 over 64 MB), taken before the platform
 * starts;</li>
 * <li>{@link #jitCpuSeconds()}: the CPU time the JIT's compiler threads have used, to measure once they are done;</li>
 * <li>{@link Cpu}: from Linux's {@code /proc/stat}, the share of the machine's CPU time over a run that was busy, and the
 * share the hypervisor gave to other guests instead ({@code steal}) — time this machine wanted to run and could not.</li>
 * </ul>
 */
final class MachineProbe {

    private static final Path STAT = Path.of("/proc/stat");
    private static final int MB = 1 << 20;

    private MachineProbe() {
    }

    /** MB/s of SHA-256 on one thread: the best of five rounds of 64 MB (the first ones also compile the loop). */
    static double cpuSpeed() {
        byte[] block = new byte[MB];
        Arrays.fill(block, (byte) 7);
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        double best = 0;
        for (int round = 0; round < 5; round++) {
            long started = System.nanoTime();
            for (int i = 0; i < 64; i++) {
                sha.update(block);
            }
            block[0] = sha.digest()[0];
            best = Math.max(best, 64 / ((System.nanoTime() - started) / 1e9));
        }
        return best;
    }

    /**
     * CPU time the JIT's compiler threads have used in this JVM, in seconds, from Linux's {@code /proc/self/task}; -1 where it
     * cannot be read. ({@code CompilationMXBean} gives compilations' elapsed time, which a busy machine stretches: it said
     * a core and more while the compiler threads used a few percent of one.)
     */
    static double jitCpuSeconds() {
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            long ticks = 0;
            for (Path task : tasks.toList()) {
                try {
                    String name = Files.readString(task.resolve("comm"));
                    if (!name.startsWith("C1 Compiler") && !name.startsWith("C2 Compiler")) {
                        continue;
                    }
                    String stat = Files.readString(task.resolve("stat"));
                    // after "(comm)": state ppid ... field 14 utime, 15 stime (USER_HZ ticks, 100 a second on Linux)
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                }
                catch (IOException e) {
                    // the thread ended meanwhile
                }
            }
            return ticks / 100.0;
        }
        catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The machine's CPU counters at one moment; {@link #since} gives the shares over a run. */
    record Cpu(long busy, long steal, long total) {

        /** Now, or null where {@code /proc/stat} cannot be read (not Linux). */
        static Cpu now() {
            try {
                List<String> lines = Files.readAllLines(STAT);
                // cpu  user nice system idle iowait irq softirq steal guest guest_nice (USER_HZ ticks, all cores)
                String[] fields = lines.get(0).trim().split("\\s+");
                long[] ticks = new long[8];
                for (int i = 0; i < ticks.length; i++) {
                    ticks[i] = Long.parseLong(fields[i + 1]);
                }
                long idle = ticks[3] + ticks[4];
                long steal = ticks[7];
                long total = Arrays.stream(ticks).sum();
                return new Cpu(total - idle - steal, steal, total);
            }
            catch (IOException | RuntimeException e) {
                return null;
            }
        }

        /** The counters' growth from {@code start} to this moment. */
        Cpu minus(Cpu start) {
            return new Cpu(busy - start.busy, steal - start.steal, total - start.total);
        }

        /** Two growths together (a path's turns). */
        Cpu plus(Cpu other) {
            return new Cpu(busy + other.busy, steal + other.steal, total + other.total);
        }

        /** "busy 93 %, steal 11 %" of a growth of the counters. */
        String shares() {
            return total == 0 ? "n/a" : "busy %.0f %%, steal %.0f %%".formatted(100.0 * busy / total, 100.0 * steal / total);
        }

        /** The shares of the machine's CPU time since {@code start}; "n/a" where they cannot be read. */
        static String since(Cpu start) {
            Cpu end = now();
            return start == null || end == null ? "n/a" : end.minus(start).shares();
        }
    }
}
