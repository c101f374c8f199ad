package org.bearerguard.internal.container;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.io.Serializable;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bearerguard.internal.context.CurrentPrincipal;

/**
 * Enforces {@code @RolesAllowed}, {@code @PermitAll} and {@code @DenyAll} on CDI beans ({@link RoleRules}) with the
 * roles of the token bearer-guard verified in this request (no server does so for CDI beans that are not EJBs). A
 * call with no verified caller (outside a request, or from a resource bearer-guard does not guard) is refused unless
 * the method is open. Where bearer-guard stood down for the server's own MP JWT ({@link BearerExtension}), it checks
 * nothing: that mechanism's callers are not bearer-guard's. Before the application's own interceptors
 * ({@link Interceptor.Priority#LIBRARY_BEFORE}).
 *
 * <p>Threads: the rules are read once per bean class and method into a map bounded by the application's methods.
 */
@RolesChecked
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_BEFORE)
public class RolesInterceptor implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Map<Target, RoleRules> RULES = new ConcurrentHashMap<>();

    @Inject
    CurrentPrincipal current;

    /** A business method as called on one bean class (an inherited method counts per class). */
    private record Target(Class<?> beanClass, Method method) {
    }

    @AroundInvoke
    public Object check(InvocationContext invocation) throws Exception {
        if (BearerExtension.stoodDown()) {
            return invocation.proceed();
        }
        var method = invocation.getMethod();
        var beanClass = invocation.getTarget() == null ? method.getDeclaringClass()
                : invocation.getTarget().getClass();
        var rules = RULES.computeIfAbsent(new Target(beanClass, method), t -> RoleRules.of(t.beanClass(), t.method()));
        if (!rules.open()) {
            var roles = callerRoles();
            if (!rules.admits(roles)) {
                throw new RoleRefusal(roles == null);
            }
        }
        return invocation.proceed();
    }

    /** The verified caller's roles, or null when this request has none (or there is no request). */
    private Set<String> callerRoles() {
        try {
            return current.verified().map(p -> p.getRoles()).orElse(null);
        } catch (ContextNotActiveException e) {
            return null;
        }
    }
}
