package org.communitycarbon.ops.live;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The open streams of this instance, by community, and what each community's stream is sent. Each instance serves its
 * own clients from its own {@link LiveFeed}, so instances scale out behind the gateway without sharing anything.
 */
@Component
class LiveHub {

    /** Thrown when a new stream would go beyond a limit. */
    static final class Saturated extends RuntimeException {
        final boolean perUser;

        Saturated(String message, boolean perUser) {
            super(message);
            this.perUser = perUser;
        }
    }

    private record Stream(String user, SseEmitter emitter) {
    }

    private final LiveSettings settings;
    private final Map<String, Set<Stream>> streams = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> perUser = new ConcurrentHashMap<>();
    private final Map<String, long[]> sampleWindow = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();

    LiveHub(LiveSettings settings, MeterRegistry meters) {
        this.settings = settings;
        meters.gauge("ops_live_streams", open);
    }

    SseEmitter open(String communityId, String user) {
        if (open.incrementAndGet() > settings.maxStreams()) {
            open.decrementAndGet();
            throw new Saturated("This instance serves " + settings.maxStreams() + " live streams already", false);
        }
        AtomicInteger mine = perUser.computeIfAbsent(user, key -> new AtomicInteger());
        if (mine.incrementAndGet() > settings.maxStreamsPerUser()) {
            mine.decrementAndGet();
            open.decrementAndGet();
            throw new Saturated("At most " + settings.maxStreamsPerUser() + " live streams per user", true);
        }
        SseEmitter emitter = new SseEmitter(settings.streamLifetime().toMillis());
        Stream stream = new Stream(user, emitter);
        streams.computeIfAbsent(communityId, key -> new CopyOnWriteArraySet<>()).add(stream);
        Runnable close = () -> remove(communityId, stream);
        emitter.onCompletion(close);
        emitter.onTimeout(() -> {
            close.run();
            emitter.complete();
        });
        emitter.onError(error -> close.run());
        try {
            emitter.send(SseEmitter.event().name("hello").data(Map.of("communityId", communityId), MediaType.APPLICATION_JSON));
        } catch (IOException | IllegalStateException gone) {
            close.run();
        }
        return emitter;
    }

    private void remove(String communityId, Stream stream) {
        Set<Stream> community = streams.get(communityId);
        if (community != null && community.remove(stream)) {
            open.decrementAndGet();
            perUser.computeIfPresent(stream.user(), (user, count) -> count.decrementAndGet() <= 0 ? null : count);
        }
    }

    /** Sends an event to every stream of its community; a reading beyond the community's rate is left out. */
    void publish(LiveEvent event) {
        Set<Stream> community = streams.get(event.communityId());
        if (community == null || community.isEmpty() || (event.sample() && !sampleAllowed(event.communityId()))) {
            return;
        }
        for (Stream stream : community) {
            try {
                stream.emitter().send(SseEmitter.event().name(event.name()).data(event.data(), MediaType.APPLICATION_JSON));
            } catch (IOException | IllegalStateException gone) {
                remove(event.communityId(), stream);
            }
        }
    }

    private boolean sampleAllowed(String communityId) {
        long second = System.currentTimeMillis() / 1000;
        long[] window = sampleWindow.computeIfAbsent(communityId, key -> new long[2]);
        synchronized (window) {
            if (window[0] != second) {
                window[0] = second;
                window[1] = 0;
            }
            return ++window[1] <= settings.samplesPerSecond();
        }
    }

    @Scheduled(fixedDelayString = "${ops.live.heartbeat:15s}")
    void heartbeat() {
        streams.forEach((communityId, community) -> {
            for (Stream stream : community) {
                try {
                    stream.emitter().send(SseEmitter.event().comment("heartbeat"));
                } catch (IOException | IllegalStateException gone) {
                    remove(communityId, stream);
                }
            }
        });
    }

    int openStreams() {
        return open.get();
    }
}
