package org.communitycarbon.accounting.methodology;

import java.util.Comparator;
import java.util.List;

import org.communitycarbon.support.security.Caller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Which factors are used, and why: open to every signed-in user, because credits depend on them. */
@RestController
@RequestMapping("/api/accounting")
class MethodologyController {

    private final AccountingSettings settings;

    MethodologyController(AccountingSettings settings) {
        this.settings = settings;
    }

    @GetMapping("/methodologies")
    List<MethodologyView> all(Caller caller) {
        return settings.methodologies().entrySet().stream()
                .map(e -> new MethodologyView(e.getKey(), e.getKey().equals(settings.defaultMethodology()), e.getValue()))
                .sorted(Comparator.comparing(MethodologyView::id))
                .toList();
    }

    @GetMapping("/communities/{communityId}/methodology")
    MethodologyView ofCommunity(Caller caller, @PathVariable String communityId) {
        caller.requireMembership(communityId);
        AccountingSettings.NamedMethodology methodology = settings.methodologyOf(communityId);
        return new MethodologyView(methodology.id(), methodology.id().equals(settings.defaultMethodology()), methodology.factors());
    }

    record MethodologyView(String id, boolean isDefault, Methodology factors) {
    }
}
