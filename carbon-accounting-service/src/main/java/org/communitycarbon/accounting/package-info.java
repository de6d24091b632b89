/**
 * The carbon-accounting service: a household → individual → community model of consumption and
 * low-carbon behaviour in kg CO2e, with the methodology each community chooses.
 */
@NullMarked
package org.communitycarbon.accounting;

import org.jspecify.annotations.NullMarked;
