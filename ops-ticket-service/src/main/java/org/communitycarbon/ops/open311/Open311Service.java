package org.communitycarbon.ops.open311;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The services residents report on ({@code service_code}), each with the time the property company has to handle a
 * report of it: the work order's deadline, which escalation then extends level by level.
 */
enum Open311Service {
    DROP_POINT("drop-point", "Overflowing or dirty waste drop point", "A drop point's bins are full, dirty or smell",
            "waste", Duration.ofHours(4), List.of("bin", "waste", "垃圾")),
    LITTER("litter", "Litter or dumped waste", "Litter, dumped furniture or construction waste in a shared area",
            "waste", Duration.ofHours(24), List.of("litter", "dumping")),
    LIGHTING("lighting", "Public lighting", "A light that is broken, or on in daylight", "energy", Duration.ofHours(24),
            List.of("light", "lamp", "路灯")),
    NOISE("noise", "Noise or air pollution", "Noise, smoke or dust bothering residents", "environment",
            Duration.ofHours(24), List.of("noise", "smoke", "dust")),
    RECYCLING("recycling", "Recycling pickup or second-hand exchange", "A pickup that did not happen, a problem at the exchange",
            "recycling", Duration.ofHours(48), List.of("recycling", "pickup")),
    OTHER("other", "Something else", "Anything else the property company should see to", "other", Duration.ofHours(72),
            List.of());

    final String code;
    final String serviceName;
    final String description;
    final String group;
    final Duration handleWithin;
    final List<String> keywords;

    Open311Service(String code, String serviceName, String description, String group, Duration handleWithin,
            List<String> keywords) {
        this.code = code;
        this.serviceName = serviceName;
        this.description = description;
        this.group = group;
        this.handleWithin = handleWithin;
        this.keywords = keywords;
    }

    static Optional<Open311Service> of(String code) {
        return Arrays.stream(values()).filter(service -> service.code.equals(code)).findFirst();
    }
}
