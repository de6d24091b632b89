package org.communitycarbon.ops.open311;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A partner app signed in with a valid Open311 {@code api_key}; good for the Open311 endpoints only. */
final class PartnerAuthentication extends AbstractAuthenticationToken {

    private final PartnerKeys.Partner partner;

    PartnerAuthentication(PartnerKeys.Partner partner) {
        super(List.of(new SimpleGrantedAuthority("OPEN311_PARTNER")));
        this.partner = partner;
        setAuthenticated(true);
    }

    PartnerKeys.Partner partner() {
        return partner;
    }

    @Override
    public Object getCredentials() {
        // the key is not kept past its check
        return "";
    }

    @Override
    public Object getPrincipal() {
        return partner;
    }

    @Override
    public String getName() {
        return "open311-partner:" + partner.keyId();
    }
}
