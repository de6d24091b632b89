/**
 * Reductions: low-carbon behaviour evidenced by an event, turned into kg CO2e with the community's
 * methodology and credited to one household once. Today the evidence is a correctly sorted deposit of
 * perishable waste at a sorting bin; every deposit is kept for participation and accuracy figures.
 */
@NullMarked
package org.communitycarbon.accounting.reduction;

import org.jspecify.annotations.NullMarked;
