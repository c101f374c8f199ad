package org.bearerguard.internal.servlet;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import org.bearerguard.BearerPrincipal;
import org.bearerguard.internal.context.BearerSecurityContext;

/**
 * The request as the guarded servlet sees it: its caller is the verified principal ({@code getUserPrincipal},
 * {@code isUserInRole}, {@code getAuthType}), and, when the filter had to read the body to find an MCP tool call,
 * the body is served again from what was read.
 */
final class GuardedRequest extends HttpServletRequestWrapper {

    private final BearerPrincipal principal;
    private final byte[] body;

    /** @param body the body already read, or null when it was not read */
    GuardedRequest(HttpServletRequest request, BearerPrincipal principal, byte[] body) {
        super(request);
        this.principal = principal;
        this.body = body;
    }

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }

    @Override
    public String getRemoteUser() {
        return principal.getName();
    }

    @Override
    public boolean isUserInRole(String role) {
        return principal.hasRole(role);
    }

    @Override
    public String getAuthType() {
        return BearerSecurityContext.schemeOf(principal);
    }

    @Override
    public ServletInputStream getInputStream() throws java.io.IOException {
        if (body == null) {
            return super.getInputStream();
        }
        var in = new ByteArrayInputStream(body);
        return new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return in.read(b, off, len);
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                try {
                    listener.onDataAvailable();
                    listener.onAllDataRead();
                } catch (java.io.IOException e) {
                    listener.onError(e);
                }
            }
        };
    }

    @Override
    public BufferedReader getReader() throws java.io.IOException {
        if (body == null) {
            return super.getReader();
        }
        var encoding = getCharacterEncoding();
        Charset charset;
        try {
            charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
        } catch (IllegalArgumentException e) {
            throw new java.io.UnsupportedEncodingException(encoding);
        }
        return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }

    @Override
    public int getContentLength() {
        return body == null ? super.getContentLength() : body.length;
    }

    @Override
    public long getContentLengthLong() {
        return body == null ? super.getContentLengthLong() : body.length;
    }
}
