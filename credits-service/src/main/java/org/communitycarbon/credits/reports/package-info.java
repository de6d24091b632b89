/**
 * The credits service's figures for the monthly reports: credits issued and redeemed, per community and local month
 * (see {@link org.communitycarbon.model.reports.MonthlyFigureNames}), with each community's time zone as the registry
 * publishes it.
 */
@NullMarked
package org.communitycarbon.credits.reports;

import org.jspecify.annotations.NullMarked;
