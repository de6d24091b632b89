package org.communitycarbon.sensing.inbound;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.communitycarbon.model.registry.PlaceKind;
import org.communitycarbon.sensing.registry.Binding;
import org.communitycarbon.sensing.registry.DeviceDirectory;
import org.communitycarbon.sensing.registry.KnownDevice;
import org.communitycarbon.simulator.community.Inventory;

/** A device directory for unit tests of ingest: the devices and households a test registers, nothing else. */
final class RegisteredDevices implements DeviceDirectory {

    private final Map<String, KnownDevice> devices = new HashMap<>();
    private final Set<String> households = new HashSet<>();

    RegisteredDevices household(String communityId, String householdId) {
        households.add(communityId + "/" + householdId);
        return this;
    }

    /** A device bound to a household (which is registered with it) or to a place. */
    RegisteredDevices device(String communityId, String deviceId, String deviceType, Binding binding, String boundId) {
        if (binding == Binding.HOUSEHOLD) {
            household(communityId, boundId);
        }
        devices.put(communityId + "/" + deviceId, new KnownDevice(communityId, deviceId, deviceType, binding, boundId,
                binding == Binding.HOUSEHOLD ? boundId : null, null));
        return this;
    }

    /** Every device and household of an inventory. */
    static RegisteredDevices of(Inventory inventory) {
        RegisteredDevices registered = new RegisteredDevices();
        for (Inventory.Place place : inventory.places()) {
            if (place.kind() == PlaceKind.HOUSEHOLD) {
                registered.household(inventory.communityId(), place.id());
            }
        }
        for (Inventory.Device device : inventory.devices()) {
            registered.device(inventory.communityId(), device.id(), device.type().slug(), Binding.valueOf(device.boundKind().name()),
                    device.boundId());
        }
        return registered;
    }

    RegisteredDevices retire(String communityId, String deviceId) {
        devices.remove(communityId + "/" + deviceId);
        return this;
    }

    @Override
    public Optional<KnownDevice> find(String communityId, String deviceId) {
        return Optional.ofNullable(devices.get(communityId + "/" + deviceId));
    }

    @Override
    public boolean householdExists(String communityId, String householdId) {
        return households.contains(communityId + "/" + householdId);
    }
}
