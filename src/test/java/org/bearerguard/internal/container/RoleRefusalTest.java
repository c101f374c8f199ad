package org.bearerguard.internal.container;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBException;
import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;

/** A refusal by JSR 250 annotations is recognised however the containers wrap it, and names no method. */
class RoleRefusalTest {

    @Test
    void whenTheServletContainerWrapsARefusalThenItIsFound() {
        assertThat(RoleRefusal.within(new ServletException(new RoleRefusal(false)))).isTrue();
    }

    @Test
    void whenAnEjbRefusedTheCallerThenItIsFound() {
        assertThat(RoleRefusal.within(new EJBAccessException("denied"))).isTrue();
        assertThat(RoleRefusal.within(new ServletException(new EJBAccessException("denied")))).isTrue();
    }

    @Test
    void whenTheFailureIsAnythingElseThenNot() {
        assertThat(RoleRefusal.within(new EJBException(new IllegalStateException("boom")))).isFalse();
        assertThat(RoleRefusal.within(new ServletException("no cause"))).isFalse();
    }

    @Test
    void whenACauseChainIsACycleThenTheSearchEnds() {
        var a = new RuntimeException("a");
        var b = new RuntimeException("b", a);
        a.initCause(b);

        assertThat(RoleRefusal.within(a)).isFalse();
    }

    @Test
    void whenAnEjbContainerSeesTheRefusalThenItIsAnApplicationExceptionItPassesOn() {
        var annotation = RoleRefusal.class.getAnnotation(jakarta.ejb.ApplicationException.class);

        assertThat(annotation).isNotNull();
        assertThat(annotation.rollback()).isTrue();
        assertThat(new RoleRefusal(true).getMessage()).isEqualTo("No verified caller for a role-restricted method");
    }
}
