package org.bearerguard.testing;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Stand-ins for container interfaces (servlet requests and contexts, JAX-RS request contexts) that answer only what
 * a test names: any other call throws, so a test shows exactly what the code under test asks of its container.
 */
public final class Fakes {

    private Fakes() {
    }

    /** What a fake answers to a call (arguments never null: none is an empty array). */
    public interface Answer {
        Object answer(Method method, Object[] args) throws Exception;
    }

    /** A fake of {@code type} answering by {@code answer}. */
    @SuppressWarnings("unchecked")
    public static <T> T of(Class<T> type, Answer answer) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> answer.answer(method, args == null ? new Object[0] : args));
    }
}
