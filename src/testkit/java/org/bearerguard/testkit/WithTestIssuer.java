package org.bearerguard.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts a {@link TestIssuer} for the test class and closes it after its last test: declare a {@code TestIssuer}
 * parameter on a test method, a lifecycle method or the constructor to get it (the same one throughout the class).
 * Inherited by subclasses; a {@code @Nested} class shares its enclosing class's issuer unless it carries the
 * annotation itself.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(TestIssuerExtension.class)
public @interface WithTestIssuer {

    /** The audience its tokens carry and its configuration requires. */
    String audience() default TestIssuer.DEFAULT_AUDIENCE;

    /** The algorithm its key signs with (RS256, PS256, ES256, ES384, ES512, EdDSA, …). */
    String algorithm() default "RS256";
}
