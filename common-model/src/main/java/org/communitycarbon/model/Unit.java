package org.communitycarbon.model;

/**
 * Units of the quantities on the wire. The enum name is what travels; the symbol is for people.
 */
public enum Unit {
    /** Electric energy, kilowatt-hours. */
    KWH("kWh"),
    /** Volume of water or gas, cubic metres. */
    M3("m³"),
    /** Mass, kilograms. */
    KG("kg"),
    /** Greenhouse-gas mass as carbon-dioxide equivalent, kilograms. */
    KG_CO2E("kg CO2e"),
    /**
     * Carbon dioxide alone, kilograms: what the grid and gas-combustion emission factors count (MEE/NBS publish
     * them in kg CO2, not CO2e).
     */
    KG_CO2("kg CO2"),
    /** Distance, kilometres (green travel). */
    KM("km"),
    /** Carbon credits (points); 1 credit = 1 g CO2e reduced. */
    CREDIT("credit"),
    /** A fraction between 0 and 1 (fill level, relative humidity). */
    RATIO("1"),
    /** Temperature, degrees Celsius. */
    CELSIUS("°C"),
    /** Mass concentration, micrograms per cubic metre (PM2.5). */
    MICROGRAM_PER_M3("µg/m³"),
    /** Volume concentration, parts per million (CO2). */
    PPM("ppm"),
    /** A-weighted equivalent sound level, decibels. */
    DECIBEL_A("dB(A)"),
    /** A duration, minutes (how long a device has been silent). */
    MINUTE("min"),
    /** A number of things: a resident's report. */
    COUNT("count");

    private final String symbol;

    Unit(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }
}
