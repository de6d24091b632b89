/**
 * The sensing service's figures for the monthly reports: devices and their uptime, waste deposits, sorting and weight
 * per kind, per community and local month (see {@link org.communitycarbon.model.reports.MonthlyFigureNames}).
 */
@NullMarked
package org.communitycarbon.sensing.reports;

import org.jspecify.annotations.NullMarked;
