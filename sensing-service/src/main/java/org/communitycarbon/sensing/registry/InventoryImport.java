package org.communitycarbon.sensing.registry;

import java.util.List;
import java.util.Map;

import org.communitycarbon.support.web.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies a CSV inventory all or nothing: under the registry lock, it reads the file against what is
 * registered ({@link InventoryCsv}) and, only when every line is good, writes what changes — places, then
 * devices, a statement per table — and publishes their new state, in one transaction. A file that states what
 * is registered changes nothing and publishes nothing.
 */
@Service
class InventoryImport {

    private final RegistryStore store;
    private final RegistryEvents events;
    private final RegistrySettings settings;

    InventoryImport(RegistryStore store, RegistryEvents events, RegistrySettings settings) {
        this.store = store;
        this.events = events;
        this.settings = settings;
    }

    @Transactional
    InventoryCsv.Outcome apply(String communityId, String csv) {
        store.lock();
        requireCommunity(communityId);
        InventoryCsv.Current current = InventoryCsv.Current.of(store.allPlaces(communityId), store.allDevices(communityId));
        InventoryCsv.Outcome outcome = InventoryCsv.read(csv, current, settings.importMaxLines(), settings.importMaxErrors());
        if (outcome instanceof InventoryCsv.Plan plan) {
            List<Place> places = store.savePlaces(communityId, plan.places());
            List<Device> devices = store.saveDevices(communityId, plan.devices());
            events.changed(communityId, List.of(), places, devices);
        }
        return outcome;
    }

    @Transactional(readOnly = true)
    String export(String communityId) {
        requireCommunity(communityId);
        return InventoryCsv.write(store.allPlaces(communityId), store.allDevices(communityId));
    }

    private void requireCommunity(String communityId) {
        if (store.community(communityId).isEmpty()) {
            throw new NotFoundException("No community " + communityId);
        }
    }

    /** What an applied import did, per record word. */
    record Report(int lines, Map<String, Integer> created, Map<String, Integer> updated, Map<String, Integer> unchanged) {

        static Report of(InventoryCsv.Plan plan) {
            return new Report(plan.lines(), plan.created(), plan.updated(), plan.unchanged());
        }
    }
}
