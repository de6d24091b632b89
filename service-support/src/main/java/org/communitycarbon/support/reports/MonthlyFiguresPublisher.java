package org.communitycarbon.support.reports;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.communitycarbon.model.reports.MonthlyFigure;
import org.communitycarbon.model.reports.MonthlyFiguresPublished;
import org.communitycarbon.model.reports.ReportTopics;
import org.communitycarbon.support.outbox.Outbox;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes a service's {@link MonthlyFiguresSource} figures as {@link MonthlyFiguresPublished} events: on a schedule,
 * for each community, the running month and — until it has been published complete — the month just ended. The
 * figures are counted and the event written to the outbox in one transaction, under a row lock of the community's
 * month, so that two instances or an admin's request at the same moment publish one revision; a count whose figures
 * did not change publishes nothing.
 */
public final class MonthlyFiguresPublisher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MonthlyFiguresPublisher.class);

    private final MonthlyFiguresSource source;
    private final Outbox outbox;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final MonthlyFiguresProperties settings;
    private final Clock clock;
    private @Nullable ScheduledExecutorService scheduler;

    MonthlyFiguresPublisher(MonthlyFiguresSource source, Outbox outbox, JdbcTemplate jdbc, TransactionTemplate transactions,
            MonthlyFiguresProperties settings, Clock clock) {
        this.source = source;
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
    }

    /** What a count of one community's month did. */
    public record Publication(String communityId, String month, int revision, boolean complete, boolean published) {
    }

    /** Counts every community's running month, and the month just ended where it is not yet published complete. */
    public List<Publication> publishAll() {
        List<Publication> done = new ArrayList<>();
        Instant now = clock.instant();
        for (MonthlyFiguresSource.ReportedCommunity community : source.communities()) {
            YearMonth running = YearMonth.from(now.atZone(community.zone()));
            YearMonth ended = running.minusMonths(1);
            if (!publishedComplete(community.id(), ended)) {
                done.add(publish(community.id(), community.zone(), ended));
            }
            done.add(publish(community.id(), community.zone(), running));
        }
        return done;
    }

    /**
     * Counts one community's month and publishes it as a new revision if its figures changed. A month that has not
     * begun in the community's time zone is refused.
     */
    public Publication publish(String communityId, ZoneId zone, YearMonth month) {
        Instant now = clock.instant();
        Instant from = month.atDay(1).atStartOfDay(zone).toInstant();
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        if (!from.isBefore(now)) {
            throw new IllegalArgumentException("month " + month + " has not begun in " + zone);
        }
        boolean complete = !now.isBefore(end);
        Instant to = complete ? end : now;
        String key = month.toString();
        Publication publication = transactions.execute(status -> {
            jdbc.update("""
                    INSERT INTO monthly_figures_published (community_id, month, revision, complete, digest, published_at)
                    VALUES (?, ?, 0, false, '', ?) ON CONFLICT DO NOTHING""", communityId, key, java.sql.Timestamp.from(now));
            var last = jdbc.queryForMap("SELECT revision, complete, digest FROM monthly_figures_published"
                    + " WHERE community_id = ? AND month = ? FOR UPDATE", communityId, key);
            int revision = ((Number) last.get("revision")).intValue();
            List<MonthlyFigure> figures = new ArrayList<>(source.figures(communityId, from, to));
            figures.sort(Comparator.comparing(MonthlyFigure::name));
            String digest = digest(figures, complete);
            if (digest.equals(last.get("digest"))) {
                return new Publication(communityId, key, revision, complete, false);
            }
            int next = revision + 1;
            MonthlyFiguresPublished event = new MonthlyFiguresPublished(
                    MonthlyFiguresPublished.eventIdOf(source.source(), communityId, key, next), MonthlyFiguresPublished.SCHEMA_VERSION,
                    communityId, now, source.source(), key, zone.getId(), next, complete, List.copyOf(figures));
            event.validate();
            jdbc.update("UPDATE monthly_figures_published SET revision = ?, complete = ?, digest = ?, published_at = ?"
                    + " WHERE community_id = ? AND month = ?", next, complete, digest, java.sql.Timestamp.from(now), communityId, key);
            outbox.publish(ReportTopics.MONTHLY_FIGURES, communityId, event);
            return new Publication(communityId, key, next, complete, true);
        });
        if (publication == null) {
            throw new IllegalStateException("no publication for " + communityId + " " + month);
        }
        return publication;
    }

    private boolean publishedComplete(String communityId, YearMonth month) {
        return Boolean.TRUE.equals(jdbc.query("SELECT complete FROM monthly_figures_published WHERE community_id = ? AND month = ?",
                rs -> rs.next() ? rs.getBoolean(1) : Boolean.FALSE, communityId, month.toString()));
    }

    private static String digest(List<MonthlyFigure> figures, boolean complete) {
        StringBuilder text = new StringBuilder(complete ? "complete" : "running");
        for (MonthlyFigure figure : figures) {
            BigDecimal value = figure.value().signum() == 0 ? BigDecimal.ZERO : figure.value().stripTrailingZeros();
            text.append('\n').append(figure.name()).append('=').append(value.toPlainString()).append(' ').append(figure.unit());
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void start() {
        if (!settings.enabled()) {
            return;
        }
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "monthly-figures");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(() -> {
            try {
                long published = publishAll().stream().filter(Publication::published).count();
                if (published > 0) {
                    log.info("Published {} new revisions of monthly figures ({})", published, source.source());
                }
            }
            catch (RuntimeException e) {
                log.warn("Counting the monthly figures failed, next try in {}: {}", settings.interval(), e.getMessage());
            }
        }, settings.initialDelay().toMillis(), settings.interval().toMillis(), TimeUnit.MILLISECONDS);
        scheduler = executor;
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = scheduler;
        if (executor != null) {
            executor.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
