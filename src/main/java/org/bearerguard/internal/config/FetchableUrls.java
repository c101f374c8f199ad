package org.bearerguard.internal.config;

import java.net.URI;
import java.util.Locale;

/**
 * The one rule for every URL keys come from (issuer, discovery, JWKS): https, or plain http to this machine only,
 * so that keys never travel in clear over a network. Checked at configuration and again before each fetch, since
 * a discovery document may name any URL.
 */
public final class FetchableUrls {

    private FetchableUrls() {
    }

    public static boolean allows(URI uri) {
        var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return uri.getHost() != null && (scheme.equals("https") || (scheme.equals("http") && isLoopback(uri.getHost())));
    }

    static boolean isLoopback(String host) {
        var h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")
                || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }
}
