package org.communitycarbon.accounting.methodology;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.communitycarbon.accounting.methodology.MethodologyRequests.NewAssignment;
import org.communitycarbon.accounting.methodology.MethodologyRequests.NewMethodology;
import org.communitycarbon.accounting.methodology.MethodologyRequests.VersionDraft;
import org.communitycarbon.accounting.methodology.MethodologyViews.Assignment;
import org.communitycarbon.accounting.methodology.MethodologyViews.CommunityMethodology;
import org.communitycarbon.accounting.methodology.MethodologyViews.MethodologySummary;
import org.communitycarbon.accounting.methodology.MethodologyViews.VersionView;
import org.communitycarbon.model.security.Role;
import org.communitycarbon.support.security.Allowed;
import org.communitycarbon.support.security.Caller;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/**
 * Methodologies as versioned data. Every signed-in user reads the published versions and their factors, because
 * credits depend on them; a community's people and its street office read which methodology it uses and since
 * when. Admins alone create methodologies, draft and publish versions and assign communities: a choice that sets
 * how many credits residents earn is the platform's, not the property company's.
 */
@RestController
@RequestMapping("/api/accounting")
class MethodologyController {

    private final MethodologyStore store;
    private final FactorCatalog catalog;
    private final Clock clock;

    MethodologyController(MethodologyStore store, FactorCatalog catalog, Clock clock) {
        this.store = store;
        this.catalog = catalog;
        this.clock = clock;
    }

    @Operation(summary = "The methodologies and their published versions (admins see drafts too)")
    @GetMapping("/methodologies")
    List<MethodologySummary> all(Caller caller) {
        return store.all(caller.has(Role.ADMIN));
    }

    @Operation(summary = "Creates a methodology, without versions yet (admin)")
    @PostMapping("/methodologies")
    @Allowed(Role.ADMIN)
    ResponseEntity<MethodologySummary> create(Caller caller, @RequestBody NewMethodology body) {
        NewMethodology methodology = body.checked();
        store.create(methodology);
        return ResponseEntity.created(URI.create("/api/accounting/methodologies/" + methodology.id()))
                .body(new MethodologySummary(methodology.id(), methodology.title(), methodology.description(), false, List.of()));
    }

    @Operation(summary = "A version of a methodology with its factors, each with its unit, gas and source (drafts: admin)")
    @GetMapping("/methodologies/{methodologyId}/versions/{version}")
    VersionView version(Caller caller, @PathVariable @Size(max = 48) String methodologyId,
            @PathVariable @Min(1) @Max(100000) int version) {
        return store.version(methodologyId, version, caller.has(Role.ADMIN));
    }

    @Operation(summary = "Drafts the next version of a methodology (admin); nothing uses it until it is published")
    @PostMapping("/methodologies/{methodologyId}/versions")
    @Allowed(Role.ADMIN)
    ResponseEntity<VersionView> draft(Caller caller, @PathVariable @Size(max = 48) String methodologyId,
            @RequestBody VersionDraft body) {
        int version = store.draft(methodologyId, body.checked(), caller.subject());
        return ResponseEntity.created(URI.create("/api/accounting/methodologies/" + methodologyId + "/versions/" + version))
                .body(store.version(methodologyId, version, true));
    }

    @Operation(summary = "Replaces a draft version (admin); a published version never changes (409)")
    @PutMapping("/methodologies/{methodologyId}/versions/{version}")
    @Allowed(Role.ADMIN)
    VersionView redraft(Caller caller, @PathVariable @Size(max = 48) String methodologyId,
            @PathVariable @Min(1) @Max(100000) int version, @RequestBody VersionDraft body) {
        store.redraft(methodologyId, version, body.checked());
        return store.version(methodologyId, version, true);
    }

    @Operation(summary = "Publishes a draft version (admin): frozen for ever, it prices activity on its dates from now on")
    @PostMapping("/methodologies/{methodologyId}/versions/{version}/publish")
    @Allowed(Role.ADMIN)
    VersionView publish(Caller caller, @PathVariable @Size(max = 48) String methodologyId,
            @PathVariable @Min(1) @Max(100000) int version) {
        store.publish(methodologyId, version, caller.subject());
        catalog.refresh();
        return store.version(methodologyId, version, false);
    }

    @Operation(summary = "The community's methodology, its version in force today and its assignment history")
    @GetMapping("/communities/{communityId}/methodology")
    CommunityMethodology ofCommunity(Caller caller, @PathVariable String communityId) {
        caller.requireMembership(communityId);
        return community(communityId);
    }

    @Operation(summary = "Assigns a methodology to a community from a time on (admin); earlier figures keep their factors")
    @PostMapping("/communities/{communityId}/methodology-assignments")
    @Allowed(value = Role.ADMIN, community = "communityId")
    ResponseEntity<CommunityMethodology> assign(Caller caller, @PathVariable String communityId, @RequestBody NewAssignment body) {
        store.assign(communityId, body.checked(clock.instant()), caller.subject());
        catalog.refresh();
        return ResponseEntity.created(URI.create("/api/accounting/communities/" + communityId + "/methodology"))
                .body(community(communityId));
    }

    private CommunityMethodology community(String communityId) {
        Instant now = clock.instant();
        List<Assignment> history = store.history(communityId);
        String methodology = catalog.methodologyOf(communityId, now);
        return new CommunityMethodology(communityId, catalog.regionOf(communityId), methodology, history.stream()
                .noneMatch(a -> !a.effectiveFrom().isAfter(now)),
                catalog.versionOf(communityId, now).map(FactorCatalog.VersionKey::version).orElse(null), history);
    }
}
