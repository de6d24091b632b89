/**
 * Methodologies as versioned data: the emission and reduction factors a community's accounting uses, each with
 * its unit, gas (CO2 or CO2e) and source, in numbered versions with effective dates and a region. Admins draft
 * and publish versions (publishing freezes one for ever) and assign methodologies to communities (kept as
 * history); {@link org.communitycarbon.accounting.methodology.FactorCatalog} tells which published factor prices
 * an activity, and every figure records the id of the factor it used. See docs/accounting.md.
 */
@NullMarked
package org.communitycarbon.accounting.methodology;

import org.jspecify.annotations.NullMarked;
