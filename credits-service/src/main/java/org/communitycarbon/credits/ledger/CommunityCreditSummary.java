package org.communitycarbon.credits.ledger;

/**
 * Credit statistics of a community.
 *
 * @param households households that have earned credits
 * @param creditsAwarded every credit ever awarded
 * @param creditsRedeemed credits spent, net of reversals: on catalogue items and at merchants (issued − outstanding)
 * @param creditsOutstanding credits held in balances now
 */
public record CommunityCreditSummary(String communityId, long households, long creditsAwarded, long creditsRedeemed,
        long creditsOutstanding) {
}
