package org.bearerguard.internal.config;

import java.util.Locale;

/** The hosts for which plain http is accepted: this machine only, so that tokens' keys never travel in clear. */
public final class LoopbackHosts {

    private LoopbackHosts() {
    }

    public static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        var h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")
                || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }
}
