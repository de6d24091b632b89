package org.communitycarbon.sensing.credentials;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * What the MQTT broker asks when a device connects, publishes or subscribes. Not part of the public API: the
 * gateway never routes {@code /internal/**}, and only the broker should reach the service's port (see
 * docs/mqtt-api.md). It needs no token because it reveals nothing a client could not learn by connecting to the
 * broker itself: whether a secret is right (a 256-bit secret cannot be guessed) and the topics an account may use.
 * <ul>
 * <li>{@code connect} and {@code active}: the embedded broker's extension, which takes the permissions at connect
 * and asks every 30 s which connected accounts were revoked.</li>
 * <li>{@code user}, {@code superuser} and {@code acl}: the HTTP back end of mosquitto-go-auth (docker-compose),
 * answered with the status alone (200 allows, 403 refuses), each from the same rules.</li>
 * </ul>
 */
@Hidden
@RestController
@RequestMapping("/internal/mqtt")
@Validated
class BrokerHookController {

    record ConnectRequest(@NotNull @Size(max = 200) String username, @NotNull @Size(max = 200) String password,
            @NotNull @Size(max = 256) String clientId) {
    }

    record ActiveRequest(@NotNull @Size(max = 10_000) List<@NotNull @Size(max = 200) String> usernames) {
    }

    record ActiveAnswer(List<String> inactive) {
    }

    /** mosquitto-go-auth's HTTP back end, {@code auth_opt_http_params_mode json}. */
    record GoAuthUser(@Size(max = 200) String username, @Size(max = 200) String password, @Size(max = 256) String clientid) {
    }

    record GoAuthAcl(@Size(max = 200) String username, @Size(max = 256) String clientid, @Size(max = 400) String topic, int acc) {
    }

    private final MqttAccounts accounts;

    BrokerHookController(MqttAccounts accounts) {
        this.accounts = accounts;
    }

    @PostMapping("/connect")
    ResponseEntity<?> connect(@Valid @RequestBody ConnectRequest request) {
        MqttAccounts.Decision decision = accounts.connect(request.username(),
                request.password().getBytes(StandardCharsets.UTF_8), request.clientId());
        return decision.allowed() ? ResponseEntity.ok(decision.permissions())
                : ResponseEntity.status(HttpStatus.FORBIDDEN).body(decision);
    }

    @PostMapping("/active")
    ActiveAnswer active(@Valid @RequestBody ActiveRequest request) {
        return new ActiveAnswer(List.copyOf(accounts.inactive(request.usernames())));
    }

    @PostMapping("/user")
    ResponseEntity<Void> user(@Valid @RequestBody GoAuthUser request) {
        boolean allowed = request.username() != null && request.password() != null && request.clientid() != null
                && accounts.connect(request.username(), request.password().getBytes(StandardCharsets.UTF_8), request.clientid()).allowed();
        return status(allowed);
    }

    /** The platform's own accounts are the broker's (its password file); no device account is a superuser. */
    @PostMapping("/superuser")
    ResponseEntity<Void> superuser() {
        return status(false);
    }

    /** {@code acc}: 1 receive, 2 publish, 3 both, 4 subscribe. */
    @PostMapping("/acl")
    ResponseEntity<Void> acl(@Valid @RequestBody GoAuthAcl request) {
        Optional<Permissions> permissions = request.username() == null ? Optional.empty() : accounts.permissions(request.username());
        String topic = request.topic() == null ? "" : request.topic();
        boolean allowed = permissions.isPresent() && switch (request.acc()) {
            case 1, 4 -> permissions.get().maySubscribe(topic);
            case 2 -> permissions.get().mayPublish(topic);
            case 3 -> permissions.get().mayPublish(topic) && permissions.get().maySubscribe(topic);
            default -> false;
        };
        return status(allowed);
    }

    private static ResponseEntity<Void> status(boolean allowed) {
        return ResponseEntity.status(allowed ? HttpStatus.OK : HttpStatus.FORBIDDEN).build();
    }
}
