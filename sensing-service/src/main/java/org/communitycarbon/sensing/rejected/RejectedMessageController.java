package org.communitycarbon.sensing.rejected;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import org.communitycarbon.model.security.Role;
import org.communitycarbon.support.audit.AuditedRead;
import org.communitycarbon.support.security.Caller;
import org.communitycarbon.support.web.PageView;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.PageRequest;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Refused device messages, newest first: a community's for its property team (manager and staff); all of them,
 * including those whose topic names no community, for an admin. A refused payload is raw device data — household
 * ids and readings — so a street office, which sees aggregates only, gets 403. Messages are kept for
 * {@code sensing.rejected.retention} ({@link RejectedMessageRetention}).
 */
@RestController
@AuditedRead
@RequestMapping("/api/sensing/rejected-messages")
@Transactional(readOnly = true)
class RejectedMessageController {

    private final RejectedMessageRepository messages;

    RejectedMessageController(RejectedMessageRepository messages) {
        this.messages = messages;
    }

    @GetMapping
    PageView<RejectedMessageView> list(Caller caller, @RequestParam(required = false) @Nullable String communityId,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        PageRequest request = PageRequest.of(page, size);
        if (communityId == null) {
            caller.requireAnyRole(Role.ADMIN);
            return PageView.of(messages.findAllByOrderByReceivedAtDesc(request).map(RejectedMessageView::of));
        }
        caller.requirePropertyTeam(communityId);
        return PageView.of(messages.findByCommunityIdOrderByReceivedAtDesc(communityId, request).map(RejectedMessageView::of));
    }

    /**
     * A refused message. {@code payloadText} is the payload read as UTF-8 for people; {@code payloadBase64}
     * is the exact bytes.
     */
    record RejectedMessageView(UUID id, String mqttTopic, @Nullable String communityId, String reason, @Nullable String field,
            String payloadText, String payloadBase64, Instant receivedAt) {

        static RejectedMessageView of(RejectedMessage message) {
            return new RejectedMessageView(message.id(), message.mqttTopic(), message.communityId(), message.reason(),
                    message.field(), new String(message.payload(), StandardCharsets.UTF_8),
                    Base64.getEncoder().encodeToString(message.payload()), message.receivedAt());
        }
    }
}
