package org.communitycarbon.accounting.reduction;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Residents' pseudonyms: the person a behaviour reduction names ({@code carbon_reduction.person_ref}, the event's
 * {@code personRef}) is a random UUID made for the resident's account subject the first time one of their reductions is
 * recorded, and kept ({@code resident_person}). A consumer of the reductions topic, or a reader of the export, so learns
 * which reductions are one person's without learning the person's login id, and cannot derive the pseudonym from it.
 */
@Service
public class Persons {

    private final JdbcClient jdbc;
    private final Clock clock;

    Persons(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * The pseudonyms of the subjects, made now for those that have none, in the caller's transaction (two transactions
     * making one for the same subject at once agree: the insert that loses reads the winner's).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Map<String, UUID> of(Collection<String> subjects) {
        Map<String, UUID> refs = new HashMap<>();
        if (subjects.isEmpty()) {
            return refs;
        }
        String[] sorted = new TreeSet<>(subjects).toArray(String[]::new);
        jdbc.sql("""
                INSERT INTO resident_person (subject, person_ref, created_at)
                SELECT s, gen_random_uuid(), :at FROM unnest(:subjects::text[]) AS s ORDER BY s
                ON CONFLICT (subject) DO NOTHING""")
                .param("subjects", sorted).param("at", Timestamp.from(clock.instant())).update();
        jdbc.sql("SELECT subject, person_ref FROM resident_person WHERE subject = ANY (:subjects::text[])")
                .param("subjects", sorted)
                .query(rs -> {
                    refs.put(rs.getString(1), rs.getObject(2, UUID.class));
                });
        return refs;
    }

    /** The subject's pseudonym, if any of their reductions was recorded. */
    @Transactional(readOnly = true)
    public Optional<UUID> find(String subject) {
        return jdbc.sql("SELECT person_ref FROM resident_person WHERE subject = :subject").param("subject", subject)
                .query(UUID.class).optional();
    }
}
