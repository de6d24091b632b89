package org.communitycarbon.model.sensing;

/** The four sorting categories of Chinese municipal waste rules, with the names residents know them by. */
public enum WasteKind {
    /** Kitchen / food waste (厨余垃圾, "wet" or perishable waste). */
    PERISHABLE("厨余垃圾", "kitchen waste"),
    /** Recyclables (可回收物). */
    RECYCLABLE("可回收物", "recyclables"),
    /** Hazardous waste (有害垃圾): batteries, lamps, medicines. */
    HAZARDOUS("有害垃圾", "hazardous waste"),
    /** Residual / other waste (其他垃圾). */
    RESIDUAL("其他垃圾", "residual waste");

    private final String chineseName;
    private final String englishName;

    WasteKind(String chineseName, String englishName) {
        this.chineseName = chineseName;
        this.englishName = englishName;
    }

    /** The category's name on Chinese bins and signs: 厨余垃圾, 可回收物, 有害垃圾, 其他垃圾. */
    public String chineseName() {
        return chineseName;
    }

    /** The category's English name, lower case: kitchen waste, recyclables, hazardous waste, residual waste. */
    public String englishName() {
        return englishName;
    }
}
