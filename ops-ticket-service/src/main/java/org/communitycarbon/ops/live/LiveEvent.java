package org.communitycarbon.ops.live;

/**
 * One event for a community's live stream.
 *
 * @param name the SSE event name: {@code work-order}, {@code alert} or {@code bin-status}
 * @param data the payload, serialised as JSON
 * @param sample a reading that may be left out when a community's stream is busy; work orders and alerts never are
 */
record LiveEvent(String communityId, String name, Object data, boolean sample) {
}
