package org.communitycarbon.credits.householdcode;

import java.util.Optional;

import org.communitycarbon.support.security.Caller;

/** The community of the merchant a MERCHANT caller acts for, which the merchants' records know (not the token). */
public interface MerchantScope {

    /** The community of the caller's merchant; empty when the caller acts for no merchant, or one that is suspended. */
    Optional<String> communityOf(Caller caller);
}
