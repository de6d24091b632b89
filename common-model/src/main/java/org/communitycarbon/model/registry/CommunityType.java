package org.communitycarbon.model.registry;

/** The kind of residential community, which decides its baselines and programme. */
public enum CommunityType {
    /** An older community (老旧小区), often without a property company of its own. */
    OLDER,
    /** A commercial housing estate (商品房小区) run by a property company. */
    NEW_COMMERCIAL,
    /** A resettlement community (安置小区). */
    RESETTLEMENT
}
