package org.communitycarbon.sensing.credentials;

/**
 * A newly issued secret, returned once: the platform keeps only its digest.
 *
 * @param password the MQTT password, 43 characters of base64url (256 random bits)
 */
public record IssuedSecret(MqttAccount account, String username, String password) {
}
