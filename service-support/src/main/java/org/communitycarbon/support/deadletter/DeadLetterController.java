package org.communitycarbon.support.deadletter;

import java.util.List;

import org.communitycarbon.model.security.Role;
import org.communitycarbon.support.audit.AuditedRead;
import org.communitycarbon.support.security.Caller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The service's dead-letter topics for admins: {@code GET} shows how many records each holds and waits, and why
 * the newest were set aside; {@code POST …/{topic}/redrive} republishes what waits once its cause is fixed.
 * Admins only: dead letters hold raw household data, so every read is audited.
 */
@RestController
@AuditedRead
@RequestMapping("/api/${platform.api-prefix}/admin/dead-letters")
class DeadLetterController {

    private final DeadLetterTopics deadLetters;

    DeadLetterController(DeadLetterTopics deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping
    List<DeadLetterTopics.TopicState> list(Caller caller) {
        caller.requireAnyRole(Role.ADMIN);
        return deadLetters.topics().stream().sorted().map(deadLetters::state).toList();
    }

    @GetMapping("/{topic}")
    DeadLetterTopics.TopicState topic(Caller caller, @PathVariable String topic) {
        caller.requireAnyRole(Role.ADMIN);
        return deadLetters.state(topic);
    }

    @PostMapping("/{topic}/redrive")
    DeadLetterTopics.Redriven redrive(Caller caller, @PathVariable String topic) {
        caller.requireAnyRole(Role.ADMIN);
        return deadLetters.redrive(topic);
    }
}
