package org.communitycarbon.recycling.recycler;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.security.Role;
import org.communitycarbon.recycling.catalog.Catalog;
import org.communitycarbon.support.security.Caller;
import org.communitycarbon.support.web.ConflictException;
import org.communitycarbon.support.web.NotFoundException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The recycling companies, the communities they serve and their collectors. A company is onboarded by the property
 * manager of a community (or an admin for it) and serves that community; the manager of another community adds the
 * same company to theirs. Collectors are added by the manager of the community that onboarded the company, or an
 * admin: a manager who merely uses a company cannot give someone access to its orders in other communities.
 */
@Service
public class Recyclers {

    private static final String VIEW = """
            SELECT r.id, r.name, r.licence_number, r.categories, r.daily_capacity, r.registered_community_id, r.registered_at,
                   ARRAY(SELECT rc.community_id FROM recycler_community rc WHERE rc.recycler_id = r.id ORDER BY rc.community_id) AS communities,
                   (SELECT count(*) FROM recycler_collector c WHERE c.recycler_id = r.id) AS collectors
            FROM recycler r""";

    private final JdbcTemplate jdbc;
    private final Catalog catalog;
    private final Clock clock;

    Recyclers(JdbcTemplate jdbc, Catalog catalog, Clock clock) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** Onboards a company serving {@code communityId}. */
    @Transactional
    public RecyclerView onboard(String communityId, RecyclerRequest request, Caller by) {
        List<String> categories = knownCategories(request.categories());
        Instant now = now();
        try {
            jdbc.update("""
                    INSERT INTO recycler (id, name, licence_number, categories, daily_capacity, registered_community_id,
                        registered_at, registered_by) VALUES (?, ?, ?, ?::text[], ?, ?, ?, ?)""",
                    request.id(), request.name().strip(), request.licenceNumber(), categories.toArray(String[]::new),
                    request.dailyCapacity(), communityId, Timestamp.from(now), by.subject());
        }
        catch (DuplicateKeyException taken) {
            throw new ConflictException("A recycler with the id " + request.id() + " or the licence number "
                    + request.licenceNumber() + " is already registered; to have it serve community " + communityId
                    + " too, PUT /api/recycling/communities/" + communityId + "/recyclers/<its id>");
        }
        jdbc.update("INSERT INTO recycler_community (community_id, recycler_id, added_at, added_by) VALUES (?, ?, ?, ?)",
                communityId, request.id(), Timestamp.from(now), by.subject());
        return find(request.id()).orElseThrow();
    }

    /** Adds a registered company to a community's service area; doing it again changes nothing. */
    @Transactional
    public RecyclerView serve(String communityId, String recyclerId, Caller by) {
        find(recyclerId).orElseThrow(() -> notFound(recyclerId));
        jdbc.update("""
                INSERT INTO recycler_community (community_id, recycler_id, added_at, added_by) VALUES (?, ?, ?, ?)
                ON CONFLICT DO NOTHING""", communityId, recyclerId, Timestamp.from(now()), by.subject());
        return find(recyclerId).orElseThrow();
    }

    /** The companies serving a community, by id. */
    @Transactional(readOnly = true)
    public List<RecyclerView> ofCommunity(String communityId) {
        return jdbc.query(VIEW + " WHERE r.id IN (SELECT recycler_id FROM recycler_community WHERE community_id = ?) ORDER BY r.id",
                (rs, n) -> view(rs), communityId);
    }

    @Transactional(readOnly = true)
    public Optional<RecyclerView> find(String recyclerId) {
        return jdbc.query(VIEW + " WHERE r.id = ?", (rs, n) -> view(rs), recyclerId).stream().findFirst();
    }

    /**
     * Adds a collector to a company, for the manager of the community that onboarded it or an admin; others of the
     * property company get 404, not learning more of the company than its communities' lists show.
     */
    @Transactional
    public CollectorView addCollector(String recyclerId, CollectorRequest request, Caller by) {
        RecyclerView recycler = find(recyclerId).orElseThrow(() -> notFound(recyclerId));
        if (!by.holds(Role.ADMIN, recycler.registeredCommunityId(), null)
                && !by.holds(Role.PROPERTY_MANAGER, recycler.registeredCommunityId(), null)) {
            throw notFound(recyclerId);
        }
        UUID id = UUID.randomUUID();
        Instant now = now();
        try {
            jdbc.update("INSERT INTO recycler_collector (id, recycler_id, name, subject, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?)",
                    id, recyclerId, request.name().strip(), request.subject(), Timestamp.from(now), by.subject());
        }
        catch (DuplicateKeyException taken) {
            throw new ConflictException("The user " + request.subject() + " already acts for a recycler; a user acts for one at most");
        }
        return new CollectorView(id, recyclerId, request.name().strip(), request.subject(), now);
    }

    /**
     * The company a caller of role RECYCLER acts for, from the collectors recorded here by the token's subject.
     *
     * @throws AccessDeniedException when the caller is not a recycler or not a recorded collector of any
     */
    @Transactional(readOnly = true)
    public String companyOf(Caller caller) {
        return companyIfRecycler(caller).orElseThrow(() -> new AccessDeniedException(
                "This is for recyclers' collectors; the caller acts for no registered recycler"));
    }

    /** The company a caller acts for, if the caller has the role RECYCLER and is a recorded collector. */
    @Transactional(readOnly = true)
    public Optional<String> companyIfRecycler(Caller caller) {
        if (!caller.has(Role.RECYCLER) || caller.subject().isEmpty()) {
            return Optional.empty();
        }
        return jdbc.queryForList("SELECT recycler_id FROM recycler_collector WHERE subject = ?", String.class, caller.subject())
                .stream().findFirst();
    }

    /**
     * Whether the company serves the community and takes every one of the categories.
     */
    @Transactional(readOnly = true)
    public boolean serves(String recyclerId, String communityId, List<String> categories) {
        Boolean serves = jdbc.queryForObject("""
                SELECT EXISTS (SELECT 1 FROM recycler r JOIN recycler_community rc ON rc.recycler_id = r.id
                               WHERE r.id = ? AND rc.community_id = ? AND r.categories @> ?::text[])""",
                Boolean.class, recyclerId, communityId, categories.toArray(String[]::new));
        return Boolean.TRUE.equals(serves);
    }

    /** Whether the company serves the community. */
    @Transactional(readOnly = true)
    public boolean servesCommunity(String recyclerId, String communityId) {
        Boolean serves = jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM recycler_community WHERE recycler_id = ? AND community_id = ?)",
                Boolean.class, recyclerId, communityId);
        return Boolean.TRUE.equals(serves);
    }

    private List<String> knownCategories(List<String> requested) {
        Set<String> known = catalog.codes();
        for (int i = 0; i < requested.size(); i++) {
            if (!known.contains(requested.get(i))) {
                throw new ContractViolation("categories[" + i + "]",
                        "unknown category '" + requested.get(i) + "'; known are " + String.join(", ", known));
            }
        }
        return List.copyOf(new LinkedHashSet<>(requested));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static NotFoundException notFound(String recyclerId) {
        return new NotFoundException("No recycler " + recyclerId);
    }

    private static RecyclerView view(ResultSet rs) throws SQLException {
        return new RecyclerView(rs.getString("id"), rs.getString("name"), rs.getString("licence_number"),
                strings(rs.getArray("categories")), rs.getInt("daily_capacity"), strings(rs.getArray("communities")),
                rs.getString("registered_community_id"), rs.getTimestamp("registered_at").toInstant(), rs.getInt("collectors"));
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    }
}
