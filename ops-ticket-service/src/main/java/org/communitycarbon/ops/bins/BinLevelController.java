package org.communitycarbon.ops.bins;

import java.util.List;

import org.communitycarbon.model.security.Role;
import org.communitycarbon.support.security.Allowed;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;

/** The bins of a community with their latest fill level: device detail, so its property team and admins only. */
@RestController
@RequestMapping("/api/ops")
class BinLevelController {

    private final BinLevels levels;

    BinLevelController(BinLevels levels) {
        this.levels = levels;
    }

    @Operation(summary = "Every bin of a community that has reported, with its latest fill level (0–1) and when it was "
            + "observed, by drop point (property manager and staff of the community, admins; at most 2,000 bins)")
    @Allowed(value = {Role.PROPERTY_MANAGER, Role.STAFF, Role.ADMIN}, community = "communityId")
    @GetMapping("/communities/{communityId}/bins")
    List<BinLevel> bins(@PathVariable String communityId) {
        return levels.of(communityId);
    }
}
