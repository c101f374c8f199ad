package org.bearerguard.testkit.spec;

import static org.assertj.core.api.Assertions.assertThat;

import org.bearerguard.testkit.TestIssuer;
import org.bearerguard.testkit.WithTestIssuer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@link WithTestIssuer} on a base class counts for its subclasses, and a {@code @Nested} class with an annotation of
 * its own gets an issuer of its own.
 */
class SuperclassIssuerTest extends AnnotatedBase {

    @Test
    void whenTheBaseClassIsAnnotatedThenItsSettingsCount(TestIssuer issuer) {
        assertThat(issuer.audience()).isEqualTo("base-aud");
        assertThat(issuer.signingKey().algorithm()).isEqualTo("ES256");
    }

    @Nested
    @WithTestIssuer(audience = "inner", algorithm = "EdDSA")
    class Inner {
        @Test
        void whenANestedClassIsAnnotatedItselfThenItGetsAnIssuerOfItsOwn(TestIssuer issuer) {
            assertThat(issuer.audience()).isEqualTo("inner");
            assertThat(issuer.signingKey().algorithm()).isEqualTo("EdDSA");
        }
    }
}

@WithTestIssuer(audience = "base-aud", algorithm = "ES256")
abstract class AnnotatedBase {
}
