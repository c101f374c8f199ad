package org.bearerguard.internal.json;

import java.util.Arrays;

/**
 * The member names that JOSE headers, access tokens and DPoP proofs carry (RFC 7515 §4.1, RFC 7519 §4.1, RFC 9068,
 * RFC 9449, OpenID Connect, Keycloak's and Entra's usual claims), each one String for every text read: a payload's
 * twenty names cost a lookup each, no String, and their hashes are computed once (what Jackson's symbol table does).
 *
 * <p>The table is filled once, at class initialization, and only read afterwards: safe to share between threads.
 */
final class KnownNames {

    private static final String[] NAMES = {
        // JOSE header
        "alg", "kid", "typ", "cty", "crit", "jku", "jwk", "x5u", "x5c", "x5t", "x5t#S256", "b64", "kty", "crv", "x", "y",
        "n", "e",
        // registered claims, RFC 9068, RFC 8693, RFC 9449, RFC 7800
        "iss", "sub", "aud", "exp", "nbf", "iat", "jti", "client_id", "scope", "scp", "roles", "groups", "entitlements",
        "auth_time", "acr", "amr", "cnf", "jkt", "act", "may_act", "htm", "htu", "ath", "nonce",
        // OpenID Connect and the usual authorization servers
        "azp", "sid", "at_hash", "session_state", "name", "preferred_username", "given_name", "family_name", "email",
        "email_verified", "realm_access", "resource_access", "allowed-origins", "upn", "oid", "tid", "ver", "uti",
        "appid", "idp", "cid", "uid",
    };
    /** Open addressing over (length, first and last character); a slot holds one name, null when empty. */
    private static final String[] TABLE = new String[256];
    /** Each slot's name as characters, compared without a String's per-character checks. */
    private static final char[][] SPELLING = new char[TABLE.length][];
    private static final int LONGEST;

    static {
        int longest = 0;
        for (var name : NAMES) {
            int slot = slot(name.length(), name.charAt(0), name.charAt(name.length() - 1));
            while (TABLE[slot] != null) {
                slot = (slot + 1) & (TABLE.length - 1);
            }
            TABLE[slot] = name;
            SPELLING[slot] = name.toCharArray();
            longest = Math.max(longest, name.length());
        }
        LONGEST = longest;
    }

    private KnownNames() {
    }

    /**
     * The known name that {@code text} spells plainly from {@code start} up to the next '"', or null; looks no
     * further than the longest known name. A name matched has neither escapes nor control characters: none of the
     * known names has them.
     */
    static String at(char[] text, int start) {
        int close = start;
        int limit = Math.min(text.length, start + LONGEST + 1);
        while (close < limit && text[close] != '"') {
            close++;
        }
        int length = close - start;
        if (close == limit || length == 0) {
            return null; // longer than any known name, or no closing quote
        }
        for (int slot = slot(length, text[start], text[close - 1]); TABLE[slot] != null;
                slot = (slot + 1) & (TABLE.length - 1)) {
            var spelling = SPELLING[slot];
            if (spelling.length == length && Arrays.equals(text, start, close, spelling, 0, length)) {
                return TABLE[slot];
            }
        }
        return null;
    }

    private static int slot(int length, char first, char last) {
        return (length * 31 * 31 + first * 31 + last) & (TABLE.length - 1);
    }
}
