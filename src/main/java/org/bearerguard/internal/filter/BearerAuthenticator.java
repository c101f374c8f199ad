package org.bearerguard.internal.filter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import org.bearerguard.BearerPrincipal;
import org.bearerguard.internal.authorize.Requirement;
import org.bearerguard.internal.config.BearerConfig;
import org.bearerguard.internal.error.BearerError;
import org.bearerguard.internal.error.BearerException;
import org.bearerguard.internal.error.ErrorResponder;
import org.bearerguard.internal.error.ErrorResponse;
import org.bearerguard.internal.extract.TokenExtractor;
import org.bearerguard.internal.keys.KeySources;
import org.bearerguard.internal.verify.TokenVerifier;

/**
 * The request pipeline, built once at deployment from the configuration: a bad configuration fails the deployment
 * here, with a message that names the property, instead of failing the first request.
 */
@ApplicationScoped
public class BearerAuthenticator {

    private TokenExtractor extractor;
    private TokenVerifier verifier;
    private ErrorResponder responder;

    /** For CDI's client proxy only. */
    protected BearerAuthenticator() {
    }

    @Inject
    public BearerAuthenticator(BearerConfig config, KeySources keys) {
        this(config, keys, Clock.systemUTC());
    }

    public BearerAuthenticator(BearerConfig config, KeySources keys, Clock clock) {
        this.extractor = new TokenExtractor(config.maxTokenLength());
        this.verifier = new TokenVerifier(config, keys, clock);
        this.responder = new ErrorResponder(config.realm());
    }

    /** Instantiates the pipeline (and so reads the configuration) as soon as the application starts. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        // being an observer of an @ApplicationScoped bean is enough: CDI creates the bean to deliver the event
    }

    /**
     * Extract → verify → authorize.
     *
     * @param authorization every value of the {@code Authorization} header
     */
    public BearerPrincipal authenticate(List<String> authorization, Requirement requirement) throws BearerException {
        var token = extractor.extract(authorization);
        var principal = verifier.verify(token, requirement.issuers());
        requirement.check(principal);
        return principal;
    }

    /** How many tokens were verified in full (not answered from the cache) so far. */
    public long fullVerifications() {
        return verifier.fullVerifications();
    }

    /** How many verified tokens are cached now. */
    public int cachedTokens() {
        return verifier.cachedTokens();
    }

    /** Names of the configured issuers, to check what annotations name. */
    public java.util.Set<String> issuerNames() {
        return verifier.issuerNames();
    }

    public ErrorResponse render(BearerError error) {
        return responder.render(error);
    }
}
