package org.communitycarbon.model.sensing;

/** The four sorting categories of Chinese municipal waste rules. */
public enum WasteKind {
    /** Kitchen / food waste (厨余垃圾, "wet" or perishable waste). */
    PERISHABLE,
    /** Recyclables (可回收物). */
    RECYCLABLE,
    /** Hazardous waste (有害垃圾): batteries, lamps, medicines. */
    HAZARDOUS,
    /** Residual / other waste (其他垃圾). */
    RESIDUAL
}
