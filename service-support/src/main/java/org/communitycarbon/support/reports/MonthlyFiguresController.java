package org.communitycarbon.support.reports;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

import org.communitycarbon.model.ContractViolation;
import org.communitycarbon.model.security.Role;
import org.communitycarbon.support.security.Allowed;
import org.communitycarbon.support.security.Caller;
import org.communitycarbon.support.web.NotFoundException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The monthly report figures this service published, and a way for an admin to count a month again at once (after
 * a correction) instead of waiting for the hourly count.
 */
@RestController
@RequestMapping("/api/${platform.api-prefix}/admin/monthly-figures")
@Tag(name = "Monthly report figures", description = "What this service published for the monthly reports (admins)")
class MonthlyFiguresController {

    private final MonthlyFiguresPublisher publisher;
    private final MonthlyFiguresSource source;
    private final JdbcTemplate jdbc;

    MonthlyFiguresController(MonthlyFiguresPublisher publisher, MonthlyFiguresSource source, JdbcTemplate jdbc) {
        this.publisher = publisher;
        this.source = source;
        this.jdbc = jdbc;
    }

    /** One community's month as last published. */
    record Published(String communityId, String month, int revision, boolean complete, Instant publishedAt) {
    }

    @GetMapping
    @Allowed(Role.ADMIN)
    @Operation(summary = "The last revision of each community's months this service published, newest month first")
    List<Published> list(Caller caller) {
        caller.requireAnyRole(Role.ADMIN);
        return jdbc.query("""
                SELECT community_id, month, revision, complete, published_at FROM monthly_figures_published
                WHERE revision > 0 ORDER BY month DESC, community_id LIMIT 1000""",
                (rs, row) -> new Published(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getBoolean(4),
                        rs.getObject(5, java.time.OffsetDateTime.class).toInstant()));
    }

    @PostMapping("/{communityId}/{month}")
    @Allowed(Role.ADMIN)
    @Operation(summary = "Count a community's month again now and publish it as a new revision if its figures changed")
    MonthlyFiguresPublisher.Publication publish(Caller caller, @PathVariable String communityId, @PathVariable YearMonth month) {
        caller.requireAnyRole(Role.ADMIN);
        MonthlyFiguresSource.ReportedCommunity community = source.communities().stream()
                .filter(known -> known.id().equals(communityId)).findFirst()
                .orElseThrow(() -> new NotFoundException("This service holds no figures of community " + communityId));
        try {
            return publisher.publish(community.id(), community.zone(), month);
        }
        catch (IllegalArgumentException e) {
            throw new ContractViolation("month", e.getMessage());
        }
    }
}
