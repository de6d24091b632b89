/**
 * Reductions: low-carbon behaviour evidenced by an event, turned into kg CO2e with the community's
 * methodology and credited to one household once. The evidence: a correctly sorted deposit of perishable waste at a
 * sorting bin (every deposit is kept for participation and accuracy figures), and a recycling pickup weighed and
 * settled at the door (recycled goods; a recyclables drop at a bin never is). A reduction is a person's where its evidence
 * names one ({@link org.communitycarbon.accounting.reduction.Persons}): a pickup's booker, a partner's rider; a bin drop
 * names only the household.
 */
@NullMarked
package org.communitycarbon.accounting.reduction;

import org.jspecify.annotations.NullMarked;
