package org.communitycarbon.model.reports;

/** The service that counted a set of monthly figures; each counts only what it alone holds. */
public enum ReportSource {
    /** Devices, their uptime, waste deposits and sorting. */
    SENSING,
    /** Households, their electricity and the reductions by behaviour. */
    ACCOUNTING,
    /** Credits issued and redeemed. */
    CREDITS,
    /** Recyclables collected by pickups. */
    RECYCLING,
    /** Work orders opened, closed on time and escalated. */
    OPS
}
