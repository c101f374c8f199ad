package org.bearerguard.internal.dpop;

import java.util.Locale;

/**
 * The form of an {@code http} or {@code https} URI in which two spellings of one target compare equal (RFC 9449 §4.3
 * item 9: the {@code htu} is compared with the request's target URI, RFC 9110 §7.1, ignoring query and fragment).
 * Syntax-based normalisation of RFC 3986 §6.2.2: scheme and host in lower case, percent-encodings in upper case
 * and decoded where they spell an unreserved character, dot segments removed (§5.2.4); scheme-based normalisation of
 * §6.2.3: the default port and an empty port dropped, an empty path written {@code /}. Query and fragment are cut
 * off unread.
 *
 * <p>Anything else is not a target URI and has no normal form: another scheme, no host, a user-info part (RFC 9110
 * §4.2.4: a recipient treats it as an error), a port beyond 65535, a character RFC 3986 does not allow where it stands
 * (space, non-ASCII, a lone {@code %}). Stateless.
 */
final class TargetUri {

    private static final String SUB_DELIMS = "!$&'()*+,;=";

    private TargetUri() {
    }

    /** The normal form of {@code uri} without query and fragment, or null when it is not an http(s) URI. */
    static String normalise(String uri) {
        int colon = uri.indexOf(':');
        if (colon < 0) {
            return null;
        }
        var scheme = uri.substring(0, colon).toLowerCase(Locale.ROOT);
        int defaultPort = switch (scheme) {
            case "http" -> 80;
            case "https" -> 443;
            default -> -1;
        };
        if (defaultPort < 0 || !uri.startsWith("//", colon + 1)) {
            return null;
        }
        int authorityStart = colon + 3;
        int authorityEnd = end(uri, authorityStart, "/?#");
        int pathEnd = end(uri, authorityEnd, "?#");
        var out = new StringBuilder(pathEnd + 8).append(scheme).append("://");
        if (!authority(uri, authorityStart, authorityEnd, defaultPort, out)) {
            return null;
        }
        var path = new StringBuilder(pathEnd - authorityEnd);
        if (!percentNormalised(uri, authorityEnd, pathEnd, SUB_DELIMS + ":@/", false, path)) {
            return null;
        }
        var withoutDots = removeDotSegments(path.toString());
        return out.append(withoutDots.isEmpty() ? "/" : withoutDots).toString();
    }

    private static boolean authority(String uri, int start, int end, int defaultPort, StringBuilder out) {
        int at = uri.indexOf('@', start);
        if (at >= 0 && at < end) {
            return false;
        }
        int hostEnd;
        if (start < end && uri.charAt(start) == '[') { // IP-literal (RFC 3986 §3.2.2): hex digits, dots, colons
            hostEnd = uri.indexOf(']', start);
            if (hostEnd < 0 || hostEnd >= end || !percentNormalised(uri, start + 1, hostEnd, SUB_DELIMS + ":", true,
                    out.append('['))) {
                return false;
            }
            out.append(']');
            hostEnd++;
        } else {
            hostEnd = Math.min(end(uri, start, ":"), end);
            if (hostEnd == start || !percentNormalised(uri, start, hostEnd, SUB_DELIMS, true, out)) {
                return false; // RFC 9110 §4.2.1: an http(s) URI with an empty host is invalid
            }
        }
        if (hostEnd == end || hostEnd + 1 == end && uri.charAt(hostEnd) == ':') {
            return true; // no port, or an empty one (§6.2.3)
        }
        if (uri.charAt(hostEnd) != ':') {
            return false;
        }
        int port = 0;
        for (int i = hostEnd + 1; i < end; i++) {
            char c = uri.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            port = port * 10 + (c - '0');
            if (port > 65535) {
                return false; // leading zeros are fine: the number is what counts
            }
        }
        if (port != defaultPort) {
            out.append(':').append(port);
        }
        return true;
    }

    /**
     * Appends {@code uri[from, to)}: unreserved characters and those in {@code allowed} as they are (letters lowered
     * when {@code lowerCase}), percent-encodings of unreserved characters decoded, the others with upper-case hex
     * digits. False for any other character or a broken percent-encoding.
     */
    private static boolean percentNormalised(String uri, int from, int to, String allowed, boolean lowerCase,
                                             StringBuilder out) {
        for (int i = from; i < to; i++) {
            char c = uri.charAt(i);
            if (c == '%') {
                int high = i + 2 < to ? Character.digit(ascii(uri.charAt(i + 1)), 16) : -1;
                int low = i + 2 < to ? Character.digit(ascii(uri.charAt(i + 2)), 16) : -1;
                if (high < 0 || low < 0) {
                    return false;
                }
                char decoded = (char) (high << 4 | low);
                if (unreserved(decoded)) {
                    out.append(lowerCase ? lower(decoded) : decoded);
                } else {
                    out.append('%').append(Character.toUpperCase(Character.forDigit(high, 16)))
                            .append(Character.toUpperCase(Character.forDigit(low, 16)));
                }
                i += 2;
            } else if (unreserved(c) || allowed.indexOf(c) >= 0) {
                out.append(lowerCase ? lower(c) : c);
            } else {
                return false;
            }
        }
        return true;
    }

    /**
     * RFC 3986 §5.2.4, on a path whose percent-encodings are already normalised (so {@code %2E} is a dot). The input
     * buffer of the RFC is the rest of {@code path} from {@code i}; a rule that replaces a prefix with {@code "/"}
     * moves {@code i} to the slash that the prefix ends with, or, at the end, appends the {@code "/"} that rule E
     * would move. Linear in the path's length.
     */
    static String removeDotSegments(String path) {
        var out = new StringBuilder(path.length());
        int n = path.length();
        int i = 0;
        while (i < n) {
            int rest = n - i;
            if (path.startsWith("../", i)) {
                i += 3; // A
            } else if (path.startsWith("./", i)) {
                i += 2; // A
            } else if (path.startsWith("/./", i)) {
                i += 2; // B
            } else if (rest == 2 && path.startsWith("/.", i)) {
                out.append('/'); // B, at the end
                i = n;
            } else if (path.startsWith("/../", i)) {
                i += 3; // C
                dropLastSegment(out);
            } else if (rest == 3 && path.startsWith("/..", i)) {
                dropLastSegment(out); // C, at the end
                out.append('/');
                i = n;
            } else if (rest == 1 && path.charAt(i) == '.' || rest == 2 && path.startsWith("..", i)) {
                i = n; // D
            } else {
                int next = path.indexOf('/', path.charAt(i) == '/' ? i + 1 : i); // E
                int segmentEnd = next < 0 ? n : next;
                out.append(path, i, segmentEnd);
                i = segmentEnd;
            }
        }
        return out.toString();
    }

    private static void dropLastSegment(StringBuilder out) {
        out.setLength(Math.max(out.lastIndexOf("/"), 0));
    }

    private static int end(String uri, int from, String stops) {
        for (int i = from; i < uri.length(); i++) {
            if (stops.indexOf(uri.charAt(i)) >= 0) {
                return i;
            }
        }
        return uri.length();
    }

    /** RFC 3986 §2.3: ALPHA / DIGIT / "-" / "." / "_" / "~". */
    private static boolean unreserved(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_'
                || c == '~';
    }

    private static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    /** HEXDIG is ASCII (RFC 5234 B.1): {@code Character.digit} would take other scripts' digits too. */
    private static char ascii(char c) {
        return c < 128 ? c : 'x';
    }
}
