package org.bearerguard.internal.filter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bearerguard.BearerPrincipal;
import org.bearerguard.internal.authorize.Requirement;
import org.bearerguard.internal.authorize.ScopeHierarchy;
import org.bearerguard.internal.config.BearerConfig;
import org.bearerguard.internal.config.BearerConfigException;
import org.bearerguard.internal.config.IssuerConfig;
import org.bearerguard.internal.container.BearerExtension;
import org.bearerguard.internal.container.CallerRegistration;
import org.bearerguard.internal.dpop.DpopNonces;
import org.bearerguard.internal.dpop.DpopPolicy;
import org.bearerguard.internal.dpop.DpopVerifier;
import org.bearerguard.internal.dpop.LocalReplays;
import org.bearerguard.internal.dpop.Replays;
import org.bearerguard.internal.dpop.SharedReplays;
import org.bearerguard.internal.region.JwksRegion;
import org.bearerguard.internal.error.BearerError;
import org.bearerguard.internal.error.BearerException;
import org.bearerguard.internal.error.Discovery;
import org.bearerguard.internal.error.Reason;
import org.bearerguard.internal.error.ErrorResponder;
import org.bearerguard.internal.error.ErrorResponse;
import org.bearerguard.internal.extract.Credentials;
import org.bearerguard.internal.extract.TokenExtractor;
import org.bearerguard.internal.introspect.Introspector;
import org.bearerguard.internal.keys.KeySources;
import org.bearerguard.internal.metadata.JaxRsPaths;
import org.bearerguard.internal.mpjwt.PrincipalView;
import org.bearerguard.internal.metadata.ProtectedResources;
import org.bearerguard.internal.sender.RequestFacts;
import org.bearerguard.internal.sender.SenderCheck;
import org.bearerguard.internal.verify.TokenVerifier;

/**
 * The request pipeline, built once at deployment from the configuration: a bad configuration fails the deployment
 * here, with a message that names the property, instead of failing the first request.
 */
@ApplicationScoped
public class BearerAuthenticator {

    private TokenExtractor extractor;
    private TokenVerifier verifier;
    private SenderCheck senders;
    private ErrorResponder responder;
    /** By {@code iss}: what each issuer says about DPoP and certificate-bound tokens. */
    private Map<String, IssuerConfig> byIssuer;
    private DpopModes modes;
    private Optional<java.net.URI> externalBase;
    private ScopeHierarchy hierarchy;
    private ProtectedResources resources;
    private Clock clock;
    private CallerRegistration callers;
    private Optional<String> tokenCookie;
    /** The caller as the application sees it ({@link PrincipalView}). */
    private java.util.function.UnaryOperator<BearerPrincipal> view;
    private Verifications verifications;

    /** For CDI's client proxy only. */
    protected BearerAuthenticator() {
    }

    @Inject
    public BearerAuthenticator(BearerConfig config, KeySources keys) {
        this(config, keys, Clock.systemUTC());
    }

    public BearerAuthenticator(BearerConfig config, KeySources keys, Clock clock) {
        this.extractor = new TokenExtractor(config.maxTokenLength());
        var recorder = keys.recorder();
        this.verifier = new TokenVerifier(config, keys, clock,
                Introspector.of(config, keys.region(), clock).orElse(null), recorder);
        this.verifications = new Verifications(recorder);
        var dpop = config.dpop();
        var nonces = dpop.nonce() ? Optional.of(new DpopNonces(dpop.nonceSecret().orElseGet(BearerAuthenticator::random),
                dpop.nonceStep(), clock)) : Optional.<DpopNonces>empty();
        var proofs = new DpopVerifier(new DpopPolicy(dpop.algorithms(), dpop.proofWindow(), dpop.clockSkew(), nonces),
                clock, dpop.signatures());
        this.senders = new SenderCheck(proofs, replays(dpop, keys.region(), clock), nonces);
        var issuers = new HashMap<String, IssuerConfig>();
        for (var issuer : config.issuers()) {
            issuers.put(issuer.issuer(), issuer);
        }
        this.byIssuer = Map.copyOf(issuers);
        this.modes = new DpopModes(config.issuers());
        this.responder = new ErrorResponder(config.realm(), proofs.algorithms());
        this.externalBase = dpop.externalBaseUrl();
        this.hierarchy = ScopeHierarchy.of(config.scopeImplications());
        this.resources = ProtectedResources.of(config.resource());
        this.clock = clock;
        this.callers = CallerRegistration.of(config.jakartaSecurity() && !BearerExtension.stoodDown());
        this.tokenCookie = config.tokenCookie();
        this.view = PrincipalView.forApplication();
    }

    /**
     * Used proofs: this process's own store, and with a cache other processes share, a region beside the key sets
     * where each proof is written once, so that a proof used on one node is refused on every other.
     */
    private static Replays replays(BearerConfig.DpopSettings dpop, JwksRegion region, Clock clock) {
        var local = new LocalReplays(dpop.maxEntries(), dpop.maxPerKey(), clock);
        if (!region.shared()) {
            return local;
        }
        // a proof passes until iat + window + skew, and iat may be skew ahead of this node's clock
        var lifetime = dpop.proofWindow().plus(dpop.clockSkew().multipliedBy(2)).plusSeconds(1);
        // named with its lifetime: a region an earlier deployment created with a shorter one would forget proofs
        // while they still pass (JCache fixes a cache's expiry when it is created)
        return new SharedReplays(local, region.firstWrites(dpop.replayRegion() + " " + lifetime.toSeconds() + "s",
                lifetime,
                "remembers used DPoP proofs on its own (a proof used on another node may pass here once)"));
    }

    /** A nonce key for this process alone: only where no other node has to accept its nonces. */
    private static byte[] random() {
        var secret = new byte[DpopNonces.MIN_SECRET_BYTES];
        new SecureRandom().nextBytes(secret);
        return secret;
    }

    /** Instantiates the pipeline (and so reads the configuration) as soon as the application starts. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        // being an observer of an @ApplicationScoped bean is enough: CDI creates the bean to deliver the event
    }

    /**
     * As the web application's context starts, once the servlet container has run (or not run) our initializer: on
     * Payara the plain {@link #onStart} comes earlier, during CDI's own deployment.
     */
    void onWebStart(@Observes @Initialized(ApplicationScoped.class) jakarta.servlet.ServletContext context) {
        checkWebApplication(JaxRsPaths.recorded(), JaxRsPaths.unknownApplicationPath());
    }

    /**
     * Refuses to start a web application where bearer-guard would silently guard nothing: its initializer did not run
     * (its jar left out of the scan: no servlet filter, no metadata, and on OpenLiberty no JAX-RS filter either,
     * while CDI still finds these beans), or {@code bearer.resource.paths} has no one JAX-RS path to place methods by.
     */
    void checkWebApplication(boolean initializerRan, boolean unknownApplicationPath) {
        if (!initializerRan) {
            throw new BearerConfigException("bearer-guard's ServletContainerInitializer did not run for this"
                    + " application: its jar is left out of the application's scan (a web.xml absolute-ordering"
                    + " without <others/>?), so neither its servlet filter nor, on some servers, its JAX-RS filter"
                    + " would guard anything. Add <others/> to the absolute-ordering");
        }
        checkApplicationPath(unknownApplicationPath);
    }

    /** {@code bearer.resource.paths} needs the one path JAX-RS serves at, to place methods under resources. */
    void checkApplicationPath(boolean unknownApplicationPath) {
        if (unknownApplicationPath && resources.all().size() > 1) {
            throw new BearerConfigException("bearer.resource.paths needs the path JAX-RS serves at: give the"
                    + " application one @ApplicationPath or one servlet-mapping");
        }
    }

    /**
     * Extract → request shape → verify → sender constraint → authorize. A refusal carries the challenges the
     * resource's DPoP mode calls for ({@link BearerException#challenges()}).
     */
    public BearerPrincipal authenticate(RequestFacts request, Requirement requirement) throws BearerException {
        return authenticate(request, requirement, Optional.empty());
    }

    /**
     * As {@link #authenticate(RequestFacts, Requirement)}, for a request to this protected resource: where the
     * audience is the resource identifiers ({@code bearer.resource} without {@code bearer.audience}), the token's
     * {@code aud} must name this very resource (RFC 8707), not only one of the application's.
     */
    public BearerPrincipal authenticate(RequestFacts request, Requirement requirement,
                                        Optional<ProtectedResources.Resource> resource) throws BearerException {
        long start = verifications.start();
        var mode = modes.expected(requirement);
        boolean usedDpop = false;
        String issuerName = null;
        try {
            var credentials = extractor.extract(request.authorization());
            usedDpop = credentials.scheme() == Credentials.Scheme.DPOP;
            senders.checkShape(credentials, request, mode);
            var token = verifier.verify(credentials.token(), requirement.issuers());
            var issuer = byIssuer.get(token.getIssuer());
            issuerName = issuer.name();
            mode = DpopModes.modeFor(requirement.dpop(), issuer.dpop(), usedDpop);
            if (resource.isPresent() && issuer.audienceIsResource()
                    && !token.getAudience().contains(resource.get().identifier())) {
                throw BearerException.refused(Reason.AUDIENCE_NOT_ACCEPTED);
            }
            var proven = senders.prove(token, credentials, request, mode, issuer.mtls());
            requirement.check(proven, hierarchy, clock.instant());
            verifications.accepted(issuerName, start);
            return view.apply(proven);
        } catch (BearerException e) {
            verifications.refused(e, issuerName, start);
            throw e.challenging(DpopModes.challenges(mode, usedDpop));
        } catch (RuntimeException e) {
            verifications.failed(issuerName, start);
            throw e;
        }
    }

    /**
     * A refusal decided after {@link #authenticate} let {@code caller} in (the servlet filter's MCP tool scopes, read
     * from the body only once the token is good), with the challenges {@code authenticate} would have given it: the
     * scheme it used, the DPoP mode of its issuer and the resource.
     */
    public BearerException refusing(BearerPrincipal caller, Requirement requirement, BearerException refusal) {
        boolean usedDpop = caller.getDpopKeyThumbprint().isPresent();
        var issuer = byIssuer.get(caller.getIssuer());
        var mode = issuer == null ? modes.expected(requirement)
                : DpopModes.modeFor(requirement.dpop(), issuer.dpop(), usedDpop);
        return refusal.challenging(DpopModes.challenges(mode, usedDpop));
    }

    /**
     * A refusal for a request no token was verified in, found after the filter (a role-checked bean called from a
     * resource bearer-guard does not guard), with the challenges a resource accepting every issuer would give.
     */
    public BearerException refusingAnonymous(BearerException refusal) {
        return refusal.challenging(DpopModes.challenges(modes.expected(Requirement.NONE), false));
    }

    /** With only the {@code Authorization} header: no DPoP proof, no client certificate (tests, tools). */
    public BearerPrincipal authenticate(java.util.List<String> authorization, Requirement requirement)
            throws BearerException {
        return authenticate(RequestFacts.bearer(authorization), requirement);
    }

    /** {@code bearer.token-cookie}: where a token may come without an {@code Authorization} header. */
    public Optional<String> tokenCookie() {
        return tokenCookie;
    }

    /** How verified callers become the container's ({@code bearer.jakarta-security}; {@code NONE} when off). */
    public CallerRegistration callers() {
        return callers;
    }

    /** {@code bearer.dpop.external-base-url}: the application's base URL as clients address it, if configured. */
    public Optional<java.net.URI> externalBase() {
        return externalBase;
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
    public Set<String> issuerNames() {
        return verifier.issuerNames();
    }

    public ErrorResponse render(BearerError error) {
        return responder.render(error);
    }

    public ErrorResponse render(BearerException refusal) {
        return responder.render(refusal.error(), refusal.challenges());
    }

    /** With what a discovering client needs: {@code resource_metadata}, and the scopes for a 401 without a token. */
    public ErrorResponse render(BearerException refusal, Discovery discovery) {
        return responder.render(refusal.error(), refusal.challenges(), discovery);
    }

    /** The protected resources of {@code bearer.resource} (none when it is unset). */
    public ProtectedResources resources() {
        return resources;
    }

    /** {@code bearer.scope-implications}. */
    public ScopeHierarchy scopeHierarchy() {
        return hierarchy;
    }

    /** What a refusal at this resource tells a discovering client about it. */
    public static Discovery discovery(Requirement requirement, Optional<ProtectedResources.Resource> resource) {
        return resource.map(r -> new Discovery(Optional.of(r.metadataUrl()), requirement.scopes()))
                .orElse(Discovery.NONE);
    }
}
