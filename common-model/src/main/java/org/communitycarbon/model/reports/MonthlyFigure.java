package org.communitycarbon.model.reports;

import java.math.BigDecimal;

import org.communitycarbon.model.Unit;

/**
 * One figure of a month: a count or a total, never a rate — a rate is composed from its numerator and denominator,
 * so that the figures of several communities add up to a street's.
 *
 * @param name one of {@link MonthlyFigureNames}, or a name made by one of its {@code …Of} methods
 * @param value at least 0, at most 6 decimal places
 * @param unit the figure's unit
 */
public record MonthlyFigure(String name, BigDecimal value, Unit unit) {
}
