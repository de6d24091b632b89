package org.communitycarbon.accounting.travel;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.communitycarbon.accounting.travel.Partners.Partner;
import org.communitycarbon.accounting.travel.Partners.PartnerDraft;
import org.communitycarbon.model.Require;
import org.communitycarbon.model.security.Role;
import org.communitycarbon.support.security.Allowed;
import org.communitycarbon.support.security.Caller;
import org.communitycarbon.support.web.ConflictException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;

/**
 * Partner platforms and residents' links with them. Admins onboard partners for the communities they serve (a partner's
 * reach is the platform's decision, as it decides who earns credits); a partner reads its own record; a resident sees the
 * partners of their community, links with one to get the code they give it, and unlinks.
 */
@RestController
@RequestMapping("/api/accounting")
class PartnerController {

    private final Partners partners;
    private final TravelLinks links;

    PartnerController(Partners partners, TravelLinks links) {
        this.partners = partners;
        this.links = links;
    }

    /** A partner as admins and the partner itself see it. */
    record PartnerView(String id, String name, List<TravelMode> modes, List<String> communities, Instant createdAt, Instant updatedAt) {

        static PartnerView of(Partner partner) {
            return new PartnerView(partner.id(), partner.name(), partner.modes(), partner.communities(), partner.createdAt(),
                    partner.updatedAt());
        }
    }

    /**
     * A partner of the resident's community, and the resident's link with it.
     *
     * @param linkCode the code to give the partner (in its app), while linked
     */
    record TravelLinkView(String partnerId, String name, List<TravelMode> modes, boolean linked, @Nullable String linkCode,
            @Nullable Instant linkedAt) {
    }

    @Operation(summary = "Onboards a partner platform for the communities it serves, with the modes it may report (admin)")
    @PostMapping("/partners")
    @Allowed(Role.ADMIN)
    ResponseEntity<PartnerView> onboard(Caller caller, @RequestBody PartnerDraft body) {
        Partner partner = partners.onboard(body.checked(true), caller.subject());
        return ResponseEntity.created(URI.create("/api/accounting/partners/" + partner.id())).body(PartnerView.of(partner));
    }

    @Operation(summary = "Changes a partner's name, modes and communities (admin); trips accepted before keep their credit")
    @PutMapping("/partners/{partnerId}")
    @Allowed(Role.ADMIN)
    PartnerView change(Caller caller, @PathVariable String partnerId, @RequestBody PartnerDraft body) {
        return PartnerView.of(partners.change(Require.identifier(partnerId, "partnerId"), body.checked(false), caller.subject()));
    }

    @Operation(summary = "The partner platforms (admin)")
    @GetMapping("/partners")
    @Allowed(Role.ADMIN)
    List<PartnerView> all(Caller caller) {
        return partners.all().stream().map(PartnerView::of).toList();
    }

    @Operation(summary = "A partner platform: the partner itself, admins")
    @GetMapping("/partners/{partnerId}")
    @Allowed({Role.ADMIN, Role.PARTNER})
    PartnerView one(Caller caller, @PathVariable String partnerId) {
        caller.requirePartner(partnerId);
        return PartnerView.of(partners.get(partnerId));
    }

    @Operation(summary = "The partner platforms of my community and my links with them (resident)")
    @GetMapping("/me/travel-links")
    @Allowed(Role.RESIDENT)
    List<TravelLinkView> myLinks(Caller caller) {
        Caller.ResidentScope resident = caller.requireResident();
        Map<String, TravelLinks.Link> live = links.liveOf(caller.subject());
        return partners.serving(resident.communityId()).stream().map(p -> {
            TravelLinks.Link link = live.get(p.id());
            return new TravelLinkView(p.id(), p.name(), p.modes(), link != null, link == null ? null : link.rider(),
                    link == null ? null : link.linkedAt());
        }).toList();
    }

    @Operation(summary = "Links me with a partner platform of my community (resident): the answer's linkCode is what I give "
            + "the partner's app, which reports my trips with it; linking again gives the same code")
    @PutMapping("/me/travel-links/{partnerId}")
    @Allowed(Role.RESIDENT)
    TravelLinkView link(Caller caller, @PathVariable String partnerId) {
        Caller.ResidentScope resident = caller.requireResident();
        if (caller.subject().isEmpty()) {
            throw new ConflictException("The token names no user to link");
        }
        Partner partner = partners.get(Require.identifier(partnerId, "partnerId"));
        TravelLinks.Link link = links.link(partner, caller.subject(), resident);
        return new TravelLinkView(partner.id(), partner.name(), partner.modes(), true, link.rider(), link.linkedAt());
    }

    @Operation(summary = "Unlinks me from a partner platform (resident): trips it reports with my code are refused from now on")
    @DeleteMapping("/me/travel-links/{partnerId}")
    @Allowed(Role.RESIDENT)
    ResponseEntity<Void> unlink(Caller caller, @PathVariable String partnerId) {
        caller.requireResident();
        links.unlink(Require.identifier(partnerId, "partnerId"), caller.subject());
        return ResponseEntity.noContent().build();
    }
}
