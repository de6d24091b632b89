package org.communitycarbon.accounting.travel;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.communitycarbon.support.security.Caller.ResidentScope;
import org.communitycarbon.support.web.ConflictException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Residents' links with partners. Linking gives the resident a <em>link code</em>: 128 random bits (22 base64url
 * characters), one per resident and partner, which the resident enters in the partner's app and the partner reports
 * the resident's trips with ({@code rider}). The partner never learns a household id, and two partners hold different
 * codes for the same resident.
 */
@Service
class TravelLinks {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Clock clock;

    TravelLinks(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A live link. */
    record Link(String partnerId, String rider, String subject, String communityId, String householdId, Instant linkedAt) {
    }

    /**
     * The resident's live link with the partner, made now if there is none. The partner must serve the resident's
     * community.
     */
    @Transactional
    Link link(Partners.Partner partner, String subject, ResidentScope resident) {
        if (!partner.serves(resident.communityId())) {
            throw new ConflictException("The partner " + partner.id() + " does not serve the community " + resident.communityId());
        }
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended('travel-link:' || :partner || ':' || :subject, 0))")
                .param("partner", partner.id()).param("subject", subject).query().singleValue();
        Optional<Link> live = live(partner.id(), subject);
        if (live.isPresent()) {
            return live.get();
        }
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        Link link = new Link(partner.id(), Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), subject,
                resident.communityId(), resident.householdId(), clock.instant());
        jdbc.sql("""
                INSERT INTO travel_link (partner_id, rider, subject, community_id, household_id, linked_at)
                VALUES (:partner, :rider, :subject, :community, :household, :at)""")
                .param("partner", link.partnerId()).param("rider", link.rider()).param("subject", subject)
                .param("community", link.communityId()).param("household", link.householdId())
                .param("at", Timestamp.from(link.linkedAt())).update();
        return link;
    }

    /** Ends the resident's live link with the partner, if any; trips reported with its code are refused from then on. */
    @Transactional
    boolean unlink(String partnerId, String subject) {
        return jdbc.sql("UPDATE travel_link SET unlinked_at = :at WHERE partner_id = :partner AND subject = :subject AND unlinked_at IS NULL")
                .param("at", Timestamp.from(clock.instant())).param("partner", partnerId).param("subject", subject).update() > 0;
    }

    Optional<Link> live(String partnerId, String subject) {
        return jdbc.sql("""
                SELECT partner_id, rider, subject, community_id, household_id, linked_at FROM travel_link
                WHERE partner_id = :partner AND subject = :subject AND unlinked_at IS NULL""")
                .param("partner", partnerId).param("subject", subject)
                .query((rs, row) -> new Link(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getTimestamp(6).toInstant())).optional();
    }

    /** The resident's live links, by partner. */
    Map<String, Link> liveOf(String subject) {
        return jdbc.sql("""
                SELECT partner_id, rider, subject, community_id, household_id, linked_at FROM travel_link
                WHERE subject = :subject AND unlinked_at IS NULL""")
                .param("subject", subject)
                .query((rs, row) -> new Link(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getTimestamp(6).toInstant())).list().stream().collect(Collectors.toMap(Link::partnerId, l -> l));
    }

    /** The live links of a partner's riders among {@code riders}, by rider. */
    Map<String, Link> ofRiders(String partnerId, Collection<String> riders) {
        if (riders.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("""
                SELECT partner_id, rider, subject, community_id, household_id, linked_at FROM travel_link
                WHERE partner_id = :partner AND rider = ANY (:riders::text[]) AND unlinked_at IS NULL""")
                .param("partner", partnerId).param("riders", "{" + String.join(",", riders) + "}")
                .query((rs, row) -> new Link(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getTimestamp(6).toInstant())).list().stream().collect(Collectors.toMap(Link::rider, l -> l));
    }
}
