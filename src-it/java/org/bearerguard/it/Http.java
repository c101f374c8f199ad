package org.bearerguard.it;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;

/** HTTP/1.1 calls to the deployed application on 127.0.0.1: plain, or over TLS with {@link #https}. */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private final URI base;
    private final HttpClient client;

    /** Payara Micro reports the machine's external address although it listens everywhere: always use loopback. */
    Http(URL deployment) {
        this(URI.create("http://127.0.0.1:" + deployment.getPort() + deployment.getPath()));
    }

    /** An application at {@code base}, e.g. {@code http://127.0.0.1:8080/guarded/}. */
    public Http(URI base) {
        this(base, CLIENT);
    }

    private Http(URI base, HttpClient client) {
        this.base = base;
        this.client = client;
    }

    /**
     * The same application over HTTPS on the server's TLS port ({@code it.https.port}), with its own connections
     * made with {@code tls}: which certificate the client presents, if any, and which server it trusts.
     */
    static Http https(URL deployment, SSLContext tls) {
        var port = Integer.getInteger("it.https.port");
        if (port == null) {
            throw new IllegalStateException("no it.https.port: the failsafe execution names the server's TLS port");
        }
        return new Http(URI.create("https://127.0.0.1:" + port + deployment.getPath()),
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(tls)
                        .connectTimeout(Duration.ofSeconds(10)).build());
    }

    /** The absolute URL of {@code path}: what a DPoP proof's {@code htu} names for a request to it. */
    public String uri(String path) {
        return base.resolve(path).toString();
    }

    public HttpResponse<String> get(String path, String... authorization) {
        var request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60)).GET();
        for (var value : authorization) {
            request.header("Authorization", value);
        }
        return send(request, path);
    }

    /** A GET with {@code Authorization: DPoP <token>} and each proof as one {@code DPoP} header (RFC 9449 §7.1). */
    public HttpResponse<String> dpop(String path, String token, String... proofs) {
        var request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60)).GET()
                .header("Authorization", "DPoP " + token);
        for (var proof : proofs) {
            request.header("DPoP", proof);
        }
        return send(request, path);
    }

    /** Any method, no body, with these headers (name, value, name, value, …). */
    public HttpResponse<String> exchange(String method, String path, String... headers) {
        var request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request, path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String path) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("request to " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> bearer(String path, String token) {
        return get(path, "Bearer " + token);
    }

    /** Repeats a request until the answer fits, for changes that take an interval to show; bounded at 30 s. */
    public HttpResponse<String> until(Predicate<HttpResponse<String>> done, String path, String token) {
        return poll(done, () -> bearer(path, token), Duration.ofSeconds(30));
    }

    /** Repeats a GET without credentials until the answer fits, for at most {@code atMost}; the last answer. */
    public HttpResponse<String> getUntil(Predicate<HttpResponse<String>> done, String path, Duration atMost) {
        return poll(done, () -> get(path), atMost);
    }

    /** Every 250 ms until {@code done} or {@code atMost} has passed; the last answer either way. */
    private static HttpResponse<String> poll(Predicate<HttpResponse<String>> done,
                                             java.util.function.Supplier<HttpResponse<String>> request,
                                             Duration atMost) {
        var deadline = System.nanoTime() + atMost.toNanos();
        while (true) {
            var response = request.get();
            if (done.test(response) || System.nanoTime() > deadline) {
                return response;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return response;
            }
        }
    }
}
