/**
 * Green travel from partner platforms (bike sharing, public transport, map apps): partners onboarded by an admin for
 * the communities they serve, residents' links with them (a random pseudonym per resident and partner), and batches of
 * trips partners report — each line accepted, a duplicate or refused naming its field, a batch sent again answered the
 * same, and a trip two partners report credited once. An accepted trip is a {@code GREEN_TRAVEL} reduction of the
 * resident's household at the factor of its mode.
 */
@NullMarked
package org.communitycarbon.accounting.travel;

import org.jspecify.annotations.NullMarked;
