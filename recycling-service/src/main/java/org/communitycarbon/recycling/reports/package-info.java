/**
 * The recycling service's figures for the monthly reports: recyclables collected by settled pickups, per community and
 * local month (see {@link org.communitycarbon.model.reports.MonthlyFigureNames}), with each community's time zone as
 * the registry publishes it.
 */
@NullMarked
package org.communitycarbon.recycling.reports;

import org.jspecify.annotations.NullMarked;
