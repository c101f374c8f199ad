package org.bearerguard.internal.sender;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the pipeline needs of an HTTP request, independent of JAX-RS.
 *
 * @param authorization     every value of the {@code Authorization} header (none: empty)
 * @param dpopProofs        every value of the {@code DPoP} header (none: empty)
 * @param method            the request method as received
 * @param targetUri         the target URI the client addressed (RFC 9110 §7.1), absolute; behind a proxy, built from
 *                          {@code bearer.dpop.external-base-url}; asked for only by a DPoP request
 * @param clientCertificate the TLS client certificate of the connection, asked for only when a token is bound to one
 */
public record RequestFacts(List<String> authorization, List<String> dpopProofs, String method,
                           Supplier<String> targetUri, Supplier<Optional<X509Certificate>> clientCertificate) {

    public RequestFacts {
        authorization = authorization == null ? List.of() : authorization;
        dpopProofs = dpopProofs == null ? List.of() : dpopProofs;
        Objects.requireNonNull(method);
        Objects.requireNonNull(targetUri);
        Objects.requireNonNull(clientCertificate);
    }

    /** The servlet request attribute of the TLS client certificate chain (Jakarta Servlet 6.0 §3.10). */
    public static final String CERTIFICATE_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";

    /** The client's own certificate: the first of the chain in {@link #CERTIFICATE_ATTRIBUTE}, if there is one. */
    public static Optional<X509Certificate> clientCertificate(Object chain) {
        if (chain instanceof X509Certificate[] certificates && certificates.length > 0) {
            return Optional.ofNullable(certificates[0]);
        }
        return Optional.empty();
    }

    /** A request with only these {@code Authorization} values (no DPoP proof, no certificate): tests, tools. */
    public static RequestFacts bearer(List<String> authorization) {
        return new RequestFacts(authorization, List.of(), "GET", () -> "https://resource.example/", Optional::empty);
    }
}
