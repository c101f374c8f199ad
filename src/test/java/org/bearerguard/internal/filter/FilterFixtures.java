package org.bearerguard.internal.filter;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.SecurityContext;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

/**
 * The JAX-RS objects the feature and the filter see, as plain recorders: what was registered, what the request was
 * which security context was set. Only the methods bearer-guard calls answer; any other throws.
 */
final class FilterFixtures {

    private FilterFixtures() {
    }

    static ResourceInfo resource(Class<?> type, Method method) {
        return new ResourceInfo() {
            @Override
            public Method getResourceMethod() {
                return method;
            }

            @Override
            public Class<?> getResourceClass() {
                return type;
            }
        };
    }

    /** A feature context that records the components registered with it. */
    static final class Registrations {
        final List<Object> components = new ArrayList<>();
        final List<Integer> priorities = new ArrayList<>();
        final FeatureContext context = proxy(FeatureContext.class, (method, args) -> {
            if (method.getName().equals("register") && args.length == 2 && args[1] instanceof Integer p) {
                components.add(args[0]);
                priorities.add(p);
                return null;
            }
            throw new UnsupportedOperationException(method.getName());
        });
    }

    /** A request with these Authorization values, recording the security context the filter sets. */
    static final class Request {
        SecurityContext security;
        final ContainerRequestContext context;

        Request(String... authorization) {
            var headers = new MultivaluedHashMap<String, String>();
            for (var value : authorization) {
                headers.add("Authorization", value);
            }
            SecurityContext plain = proxy(SecurityContext.class, (m, a) -> m.getName().equals("isSecure") ? true : null);
            var uris = proxy(jakarta.ws.rs.core.UriInfo.class, (m, a) -> switch (m.getName()) {
                case "getRequestUri" -> java.net.URI.create("https://api.example/app/orders?x=1");
                case "getBaseUri" -> java.net.URI.create("https://api.example/app/");
                default -> throw new UnsupportedOperationException(m.getName());
            });
            context = proxy(ContainerRequestContext.class, (method, args) -> switch (method.getName()) {
                case "getHeaders" -> headers;
                case "getMethod" -> "GET";
                case "getUriInfo" -> uris;
                case "getProperty" -> null;
                case "getSecurityContext" -> security == null ? plain : security;
                case "setSecurityContext" -> {
                    security = (SecurityContext) args[0];
                    yield null;
                }
                default -> throw new UnsupportedOperationException(method.getName());
            });
        }
    }

    interface Answer {
        Object answer(Method method, Object[] args);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Answer answer) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> answer.answer(method, args == null ? new Object[0] : args));
    }
}
