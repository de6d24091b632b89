package org.communitycarbon.model.recycling;

import java.math.BigDecimal;

import org.communitycarbon.model.Quantity;

/**
 * One category a collector weighed at the door, with the rates of the price version in force then.
 *
 * @param category the category's code
 * @param weight what the scale showed, in {@code KG}: above 0, at most 1000, at most 3 decimals
 * @param pricePerKgCny the cash rate, CNY per kg
 * @param creditsPerKg the credits rate, credits per kg
 */
public record SettledItem(String category, Quantity weight, BigDecimal pricePerKgCny, int creditsPerKg) {
}
