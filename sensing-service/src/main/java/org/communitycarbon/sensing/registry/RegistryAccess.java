package org.communitycarbon.sensing.registry;

import org.communitycarbon.model.security.Role;
import org.communitycarbon.support.security.Caller;
import org.springframework.security.access.AccessDeniedException;

/**
 * Who may read and change a community's registry: an admin any community; its property manager reads and
 * changes it; its staff read it. Everyone else — residents, street offices, merchants, other communities'
 * teams — gets 403, checked before anything is looked up.
 */
public final class RegistryAccess {

    private RegistryAccess() {
    }

    public static void requireRead(Caller caller, String communityId) {
        caller.requirePropertyTeam(communityId);
    }

    public static void requireWrite(Caller caller, String communityId) {
        if (!caller.has(Role.ADMIN) && !(caller.has(Role.PROPERTY_MANAGER) && communityId.equals(caller.communityId()))) {
            throw new AccessDeniedException("The registry of community " + communityId + " is changed by its property manager");
        }
    }
}
