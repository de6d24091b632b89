package org.communitycarbon.ops.schedule;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.communitycarbon.model.sensing.WasteDeposited;
import org.communitycarbon.support.inbox.ProcessedEvents;
import org.communitycarbon.support.persistence.SqlArrays;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts waste deposits per community and hour (UTC hour start), in one transaction per batch: the deposits' ids are
 * claimed in the inbox ({@code processed_event}, consumer {@value #CONSUMER}) and only those claimed now are added, so a
 * redelivered deposit is counted once.
 */
@Service
class DepositCounts {

    static final String CONSUMER = "ops.offpeak-deposits";

    private final JdbcTemplate jdbc;
    private final ProcessedEvents processed;

    DepositCounts(JdbcTemplate jdbc, ProcessedEvents processed) {
        this.jdbc = jdbc;
        this.processed = processed;
    }

    private record CommunityHour(String communityId, Instant hour) implements Comparable<CommunityHour> {
        @Override
        public int compareTo(CommunityHour other) {
            int byCommunity = communityId.compareTo(other.communityId);
            return byCommunity != 0 ? byCommunity : hour.compareTo(other.hour);
        }
    }

    @Transactional
    public void record(List<WasteDeposited> deposits) {
        Set<UUID> fresh = processed.claim(CONSUMER, deposits.stream().map(WasteDeposited::eventId).distinct().toList());
        if (fresh.isEmpty()) {
            return;
        }
        Map<CommunityHour, Integer> counts = new TreeMap<>();
        for (WasteDeposited deposit : deposits) {
            // the same id twice in one batch is claimed once
            if (fresh.remove(deposit.eventId())) {
                counts.merge(new CommunityHour(deposit.communityId(), deposit.occurredAt().truncatedTo(ChronoUnit.HOURS)), 1,
                        Integer::sum);
            }
        }
        List<Map.Entry<CommunityHour, Integer>> rows = new ArrayList<>(counts.entrySet());
        jdbc.update(connection -> SqlArrays.statement(connection, """
                INSERT INTO deposit_hourly AS d (community_id, hour, deposits)
                SELECT * FROM unnest(?::text[], ?::timestamptz[], ?::int[])
                ON CONFLICT (community_id, hour) DO UPDATE SET deposits = d.deposits + EXCLUDED.deposits""",
                SqlArrays.of("text", rows, e -> e.getKey().communityId()),
                SqlArrays.of("timestamptz", rows, e -> Timestamp.from(e.getKey().hour())),
                SqlArrays.of("integer", rows, Map.Entry::getValue)));
    }
}
