package org.communitycarbon.accounting.travel;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.Require;
import org.communitycarbon.support.web.ConflictException;
import org.communitycarbon.support.web.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The partner platforms admins onboarded: the modes each may report and the communities it serves ({@code travel_partner}).
 */
@Service
class Partners {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,47}");
    static final int MAX_COMMUNITIES = 500;

    private final JdbcClient jdbc;
    private final Clock clock;

    Partners(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A partner as admins describe it. */
    record Partner(String id, String name, List<TravelMode> modes, List<String> communities, Instant createdAt, Instant updatedAt) {

        boolean serves(String communityId) {
            return communities.contains(communityId);
        }
    }

    /** What an admin sends to onboard a partner or change it ({@code id} only when onboarding). */
    record PartnerDraft(@Nullable String id, @Nullable String name, @Nullable List<String> modes, @Nullable List<String> communities) {

        PartnerDraft checked(boolean withId) {
            if (withId) {
                Require.present(id, "id");
                if (!ID.matcher(id).matches()) {
                    throw new ContractViolation("id", "must be 1 to 48 lower-case letters, digits and '-', starting with a letter or digit");
                }
            }
            String checkedName = Require.text(name, "name", 200);
            Require.present(modes, "modes");
            if (modes.isEmpty() || modes.size() > TravelMode.values().length) {
                throw new ContractViolation("modes", "must name 1 to " + TravelMode.values().length + " modes");
            }
            for (int i = 0; i < modes.size(); i++) {
                String mode = Require.present(modes.get(i), "modes[" + i + "]");
                if (Arrays.stream(TravelMode.values()).noneMatch(m -> m.name().equals(mode))) {
                    throw new ContractViolation("modes[" + i + "]", "must be one of BIKE, E_BIKE, BUS, METRO, WALK");
                }
            }
            Require.present(communities, "communities");
            if (communities.isEmpty() || communities.size() > MAX_COMMUNITIES) {
                throw new ContractViolation("communities", "must name 1 to " + MAX_COMMUNITIES + " communities");
            }
            for (int i = 0; i < communities.size(); i++) {
                Require.identifier(communities.get(i), "communities[" + i + "]");
            }
            return new PartnerDraft(id, checkedName, modes.stream().distinct().sorted().toList(),
                    communities.stream().distinct().sorted().toList());
        }
    }

    @Transactional
    Partner onboard(PartnerDraft draft, String by) {
        Instant now = clock.instant();
        try {
            jdbc.sql("""
                    INSERT INTO travel_partner (id, name, modes, communities, created_by, created_at, updated_by, updated_at)
                    VALUES (:id, :name, :modes::text[], :communities::text[], :by, :now, :by, :now)""")
                    .param("id", draft.id()).param("name", draft.name())
                    .param("modes", array(draft.modes())).param("communities", array(draft.communities()))
                    .param("by", by).param("now", Timestamp.from(now)).update();
        }
        catch (DuplicateKeyException e) {
            throw new ConflictException("The partner " + draft.id() + " exists; change it with PUT");
        }
        return find(draft.id()).orElseThrow();
    }

    @Transactional
    Partner change(String id, PartnerDraft draft, String by) {
        int changed = jdbc.sql("""
                UPDATE travel_partner SET name = :name, modes = :modes::text[], communities = :communities::text[],
                    updated_by = :by, updated_at = :now WHERE id = :id""")
                .param("id", id).param("name", draft.name())
                .param("modes", array(draft.modes())).param("communities", array(draft.communities()))
                .param("by", by).param("now", Timestamp.from(clock.instant())).update();
        if (changed == 0) {
            throw new NotFoundException("No partner " + id);
        }
        return find(id).orElseThrow();
    }

    List<Partner> all() {
        return jdbc.sql("SELECT * FROM travel_partner ORDER BY id").query(Partners::partner).list();
    }

    /** The partners serving a community. */
    List<Partner> serving(String communityId) {
        return jdbc.sql("SELECT * FROM travel_partner WHERE :community = ANY (communities) ORDER BY id")
                .param("community", communityId).query(Partners::partner).list();
    }

    Optional<Partner> find(String id) {
        return jdbc.sql("SELECT * FROM travel_partner WHERE id = :id").param("id", id).query(Partners::partner).optional();
    }

    Partner get(String id) {
        return find(id).orElseThrow(() -> new NotFoundException("No partner " + id));
    }

    private static String array(List<String> values) {
        // a PostgreSQL array literal of identifiers, which need no quoting
        return "{" + String.join(",", values) + "}";
    }

    private static Partner partner(ResultSet rs, int row) throws SQLException {
        return new Partner(rs.getString("id"), rs.getString("name"),
                Arrays.stream(strings(rs.getArray("modes"))).map(TravelMode::valueOf).toList(),
                List.of(strings(rs.getArray("communities"))),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }

    private static String[] strings(Array array) throws SQLException {
        return (String[]) array.getArray();
    }
}
