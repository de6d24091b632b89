package org.communitycarbon.sensing.credentials;

import java.util.List;

import org.communitycarbon.model.device.DeviceTopic;

/**
 * What an account may do on the broker, as MQTT topic filters: publish under its own device topics and subscribe to
 * its own command topic, nothing else. A device account is confined to its device, a gateway account to its community.
 */
public record Permissions(List<String> publish, List<String> subscribe) {

    static Permissions device(String communityId, String deviceTypeSlug, String deviceId) {
        return new Permissions(List.of(String.join("/", DeviceTopic.ROOT, communityId, deviceTypeSlug, deviceId, "+")),
                List.of(DeviceTopic.commandTopic(communityId, deviceTypeSlug, deviceId)));
    }

    static Permissions gateway(String communityId) {
        return new Permissions(List.of(String.join("/", DeviceTopic.ROOT, communityId, "+", "+", "+")),
                List.of(DeviceTopic.commandTopic(communityId, "+", "+")));
    }

    /** Whether a publish to this topic is allowed. */
    public boolean mayPublish(String topic) {
        return !hasWildcard(topic) && publish.stream().anyMatch(filter -> matches(filter, topic));
    }

    /**
     * Whether subscribing to this filter is allowed: a filter the account was given, or a concrete topic within one.
     */
    public boolean maySubscribe(String filter) {
        return subscribe.contains(filter) || !hasWildcard(filter) && subscribe.stream().anyMatch(allowed -> matches(allowed, filter));
    }

    private static boolean hasWildcard(String topic) {
        return topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0;
    }

    /** MQTT topic matching of a concrete topic against a filter with {@code +} and {@code #}. */
    static boolean matches(String filter, String topic) {
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true;
            }
            if (i >= t.length || !(f[i].equals("+") || f[i].equals(t[i]))) {
                return false;
            }
        }
        return f.length == t.length;
    }
}
