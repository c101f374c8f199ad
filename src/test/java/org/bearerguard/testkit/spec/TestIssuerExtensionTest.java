package org.bearerguard.testkit.spec;

import static org.assertj.core.api.Assertions.assertThat;

import org.bearerguard.testkit.TestIssuer;
import org.bearerguard.testkit.WithTestIssuer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@link WithTestIssuer}: one issuer per class, as the annotation describes it, handed to whoever asks. */
@WithTestIssuer(audience = "orders", algorithm = "ES256")
class TestIssuerExtensionTest {

    private static TestIssuer fromBeforeAll;
    private final TestIssuer fromConstructor;

    TestIssuerExtensionTest(TestIssuer issuer) {
        fromConstructor = issuer;
    }

    @BeforeAll
    static void remember(TestIssuer issuer) {
        fromBeforeAll = issuer;
    }

    @Test
    void whenATestAsksThenItGetsTheClassesIssuer(TestIssuer issuer) {
        assertThat(issuer).isSameAs(fromConstructor).isSameAs(fromBeforeAll);
    }

    @Test
    void whenTheAnnotationNamesAnAudienceAndAnAlgorithmThenTheIssuerUsesThem(TestIssuer issuer) {
        assertThat(issuer.audience()).isEqualTo("orders");
        assertThat(issuer.signingKey().algorithm()).isEqualTo("ES256");
        assertThat(issuer.config()).containsEntry("bearer.audience", "orders");
    }

    @Nested
    class Inner {
        @Test
        void whenANestedTestAsksThenItGetsTheOuterClassesIssuer(TestIssuer issuer) {
            assertThat(issuer).isSameAs(fromBeforeAll);
        }
    }
}
