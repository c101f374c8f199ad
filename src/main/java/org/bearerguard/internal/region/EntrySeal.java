package org.bearerguard.internal.region;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bearerguard.internal.config.BearerConfig.CacheSettings;

/**
 * What makes a region entry ours: {@code <mac>.<payload>}, where {@code mac} is the base64url HMAC-SHA-256 of the
 * entry's name (its region key) and payload under a key derived from {@code bearer.cache.secret}. The name is part of
 * what is authenticated, so a value copied under another name (another issuer's, or a lease's as a key set's) fails.
 *
 * <ul>
 *   <li>With a secret: every node that has it reads what the others wrote; nobody without it can write an entry
 *       that passes.</li>
 *   <li>Without one (only allowed for the in-process {@code ehcache}): a random key of this copy of bearer-guard, so
 *       the entries are written and checked the same way, and anything this process did not write (a persistent or
 *       clustered Ehcache configured by file) is ignored.</li>
 *   <li>{@code bearer.cache.unauthenticated=true}: {@code .<payload>}; whatever precedes the first dot is ignored,
 *       so nothing is checked.</li>
 * </ul>
 *
 * A {@code Mac} is made per call (region operations are off the request path and rare); the check compares in
 * constant time. Immutable and thread-safe.
 */
final class EntrySeal {

    private static final String HMAC = "HmacSHA256";
    /** Keys derived from the secret are for region entries only, whatever else the secret may be used for. */
    private static final byte[] PURPOSE = "bearer-guard region entries v1".getBytes(StandardCharsets.UTF_8);
    private static final int MAC_CHARS = 43; // 32 bytes, base64url without padding
    private static final byte[] PROCESS_KEY = new SecureRandom().generateSeed(32);

    /** Null: entries are not authenticated. */
    private final SecretKeySpec key;

    private EntrySeal(SecretKeySpec key) {
        this.key = key;
    }

    static EntrySeal of(CacheSettings settings) {
        if (settings.unauthenticated()) {
            return new EntrySeal(null);
        }
        var secret = settings.secret().orElse(PROCESS_KEY);
        return new EntrySeal(new SecretKeySpec(mac(new SecretKeySpec(secret, HMAC)).doFinal(PURPOSE), HMAC));
    }

    /** The value to store under {@code name}. */
    String seal(String name, String payload) {
        if (key == null) {
            return "." + payload;
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(tag(name, payload)) + "." + payload;
    }

    /** The payload of {@code value}, if it is an entry written under {@code name} with this seal's key. */
    Optional<String> open(String name, String value) {
        if (key == null) {
            int dot = value.indexOf('.');
            return dot < 0 ? Optional.empty() : Optional.of(value.substring(dot + 1));
        }
        if (value.length() <= MAC_CHARS || value.charAt(MAC_CHARS) != '.') {
            return Optional.empty();
        }
        byte[] claimed;
        try {
            claimed = Base64.getUrlDecoder().decode(value.substring(0, MAC_CHARS));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        var payload = value.substring(MAC_CHARS + 1);
        return MessageDigest.isEqual(claimed, tag(name, payload)) ? Optional.of(payload) : Optional.empty();
    }

    /** Why {@link #open} refused a value: a fixed phrase for the log. */
    String refusal() {
        return key == null ? "not an entry of bearer-guard" : "not authenticated with this application's"
                + " bearer.cache.secret";
    }

    /** HMAC over the name's length, the name and the payload: no two (name, payload) pairs give the same input. */
    private byte[] tag(String name, String payload) {
        var mac = mac(key);
        var nameBytes = name.getBytes(StandardCharsets.UTF_8);
        mac.update(ByteBuffer.allocate(Integer.BYTES).putInt(nameBytes.length).array());
        mac.update(nameBytes);
        return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
    }

    private static Mac mac(SecretKeySpec key) {
        try {
            var mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has " + HMAC, e);
        }
    }
}
