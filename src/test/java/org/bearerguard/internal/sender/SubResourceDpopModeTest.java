package org.bearerguard.internal.sender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bearerguard.testing.TestRequests.bearer;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.List;
import org.bearerguard.BearerProtected;
import org.bearerguard.DpopMode;
import org.bearerguard.internal.authorize.ResourceRules;
import org.bearerguard.internal.authorize.SubResourceRules;
import org.bearerguard.testing.JwksServer;
import org.bearerguard.testing.Pipeline;
import org.bearerguard.testing.TestConfig;
import org.bearerguard.testing.TestKeys;
import org.bearerguard.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code DpopMode.and} lets {@code CONFIGURED} give way to any other mode, so requirements that "both
 * hold" come to less than one of them alone once the issuer says {@code bearer.dpop=required}: a locator that defers
 * to the issuer (DPoP required) together with one that says {@code OFF} or {@code ALLOWED} admits plain Bearer
 * tokens on both paths, where {@code REQUIRED} spelt out with {@code OFF} admits nobody.
 */
class SubResourceDpopModeTest {

    public static class Orders {
        @GET
        public String list() {
            return "";
        }
    }

    @Path("shop")
    public static class Shop {
        /** DPoP as the issuer configures it: required. */
        @Path("orders")
        @BearerProtected
        public Orders orders() {
            return new Orders();
        }

        @Path("legacy")
        @BearerProtected(dpop = DpopMode.OFF)
        public Orders legacy() {
            return new Orders();
        }
    }

    @Path("store")
    public static class Store {
        @Path("orders")
        @BearerProtected
        public Orders orders() {
            return new Orders();
        }

        @Path("mixed")
        @BearerProtected(dpop = DpopMode.ALLOWED)
        public Orders mixed() {
            return new Orders();
        }
    }

    private static JwksServer issuer;
    private static Pipeline pipeline;

    @BeforeAll
    static void start() {
        issuer = JwksServer.start(TestKeys.RSA);
        pipeline = new Pipeline(TestConfig.issuer(issuer.issuer()).with("bearer.dpop", "required").build());
    }

    @AfterAll
    static void stop() {
        pipeline.close();
        issuer.close();
    }

    @Test
    void whenALocatorDefersToARequiredIssuerAndAnotherSwitchesDpopOffThenAPlainBearerTokenIsNotAccepted()
            throws Exception {
        var token = TestTokens.rs256().issuer(issuer.issuer()).build();
        var alone = ResourceRules.of(Shop.class, Shop.class.getMethod("orders")).orElseThrow();
        assertThat(pipeline.respond(bearer(token), alone).status()).as("the deferring locator alone").isEqualTo(401);

        var inherited = SubResourceRules.inherited(Orders.class, List.of(Shop.class)).orElseThrow();

        assertThat(pipeline.respond(bearer(token), inherited).status())
                .as("both locators together (mode %s)", inherited.dpop()).isNotEqualTo(200);
    }

    @Test
    void whenALocatorDefersToARequiredIssuerAndAnotherAllowsBearerThenAPlainBearerTokenIsNotAccepted()
            throws Exception {
        var token = TestTokens.rs256().issuer(issuer.issuer()).build();
        var alone = ResourceRules.of(Store.class, Store.class.getMethod("orders")).orElseThrow();
        assertThat(pipeline.respond(bearer(token), alone).status()).as("the deferring locator alone").isEqualTo(401);

        var inherited = SubResourceRules.inherited(Orders.class, List.of(Store.class)).orElseThrow();

        assertThat(pipeline.respond(bearer(token), inherited).status())
                .as("both locators together (mode %s)", inherited.dpop()).isNotEqualTo(200);
    }
}
