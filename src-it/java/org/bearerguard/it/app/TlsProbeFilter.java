package org.bearerguard.it.app;

import jakarta.annotation.Priority;
import jakarta.ws.rs.NameBinding;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;

/**
 * Reads the client certificate as a post-matching JAX-RS filter sees it, the way the library's filter would:
 * {@code ContainerRequestContext.getProperty("jakarta.servlet.request.X509Certificate")}; the answer goes back in
 * the {@code X-Probe-Property} header.
 */
@Provider
@TlsProbeFilter.Probed
@Priority(Priorities.AUTHENTICATION)
public class TlsProbeFilter implements ContainerRequestFilter, ContainerResponseFilter {

    /** The servlet request attribute of the client's certificate chain (Servlet 6.0 §3.10.1). */
    static final String CERTIFICATE = "jakarta.servlet.request.X509Certificate";
    private static final String SEEN = TlsProbeFilter.class.getName() + ".seen";

    /** Binds the filter to the probe resource only. */
    @NameBinding
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    public @interface Probed {
    }

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(SEEN, describe(request.getProperty(CERTIFICATE))
                + ";secure=" + request.getSecurityContext().isSecure());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        response.getHeaders().putSingle("X-Probe-Property", String.valueOf(request.getProperty(SEEN)));
    }

    /**
     * {@code none}, or the value's type and, for an {@code X509Certificate[]}, the RFC 8705 {@code x5t#S256} of each
     * certificate: {@code X509Certificate[]:<thumbprint>,<thumbprint>}.
     */
    private static String describe(Object value) {
        if (value == null) {
            return "none";
        }
        if (!(value instanceof X509Certificate[] chain)) {
            return value.getClass().getName();
        }
        var thumbprints = new ArrayList<String>();
        for (var certificate : chain) {
            try {
                thumbprints.add(Base64.getUrlEncoder().withoutPadding().encodeToString(
                        MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded())));
            } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
                thumbprints.add(e.toString());
            }
        }
        return "X509Certificate[]:" + String.join(",", thumbprints);
    }
}
