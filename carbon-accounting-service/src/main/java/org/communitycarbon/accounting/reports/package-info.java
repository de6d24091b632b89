/**
 * The accounting service's figures for the monthly reports: households, their electricity and the reductions by
 * behaviour, per community and local month (see {@link org.communitycarbon.model.reports.MonthlyFigureNames}).
 */
@NullMarked
package org.communitycarbon.accounting.reports;

import org.jspecify.annotations.NullMarked;
