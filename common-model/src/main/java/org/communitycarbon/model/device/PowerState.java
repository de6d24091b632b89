package org.communitycarbon.model.device;

/** Whether a controller's load is switched on (lamps lit, a pump or charger allowed to run) or off, as FIWARE Streetlight's {@code powerState}. */
public enum PowerState {
    ON,
    OFF
}
