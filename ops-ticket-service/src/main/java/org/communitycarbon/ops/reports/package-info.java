/**
 * Monthly reports of communities and streets for street offices, residents' committees and property managers
 * (docs/operations.md, monthly reports): the figures every service publishes on {@code reports.monthly-figures}, kept at
 * their newest revision ({@code MonthlyFiguresListener}, {@code ReceivedFigures}); ops's own work-order figures
 * ({@code WorkOrderMonthlyFigures}); the indicators composed from summed counts, never averaged rates
 * ({@code Indicator}, {@code ReportComposer}); the API with CSV and XLSX downloads ({@code MonthlyReportController},
 * {@code ReportExports}); and the reports kept once a month is over ({@code KeptReports}). Aggregates only: no household.
 */
@NullMarked
package org.communitycarbon.ops.reports;

import org.jspecify.annotations.NullMarked;
