package org.communitycarbon.simulator.community;

import java.util.Locale;

/**
 * A household of the community, e.g. {@code b01-0203}: building 01, floor 02, unit 03. Its factors scale
 * the community means (1 is an average household) and stay fixed for a seed.
 *
 * @param id the household id in meter readings and deposits
 * @param buildingId the building, e.g. {@code b01}
 * @param dropPointId the drop point nearest to the building, e.g. {@code dp1}
 * @param electricityFactor scales the mean electricity use
 * @param waterFactor scales the mean water use
 * @param gasFactor scales the mean gas use
 * @param wasteFactor scales the mean perishable waste
 * @param sortingAccuracy the chance that one of its deposits is correctly sorted
 */
public record Household(
        String id,
        String buildingId,
        int floor,
        int unit,
        String dropPointId,
        double electricityFactor,
        double waterFactor,
        double gasFactor,
        double wasteFactor,
        double sortingAccuracy) {

    static String id(int building, int floor, int unit) {
        return buildingId(building) + "-" + String.format(Locale.ROOT, "%02d%02d", floor, unit);
    }

    static String buildingId(int building) {
        return String.format(Locale.ROOT, "b%02d", building);
    }
}
