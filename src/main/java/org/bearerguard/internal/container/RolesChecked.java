package org.bearerguard.internal.container;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds {@link RolesInterceptor}. Never written by hand: {@link BearerExtension} adds it to each CDI bean class that
 * carries a JSR 250 annotation, while {@code bearer.jakarta-security} is on.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RolesChecked {

    final class Literal extends AnnotationLiteral<RolesChecked> implements RolesChecked {
        private static final long serialVersionUID = 1L;
        static final Literal INSTANCE = new Literal();
    }
}
