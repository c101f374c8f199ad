package org.bearerguard.internal.json;

import java.io.Serializable;
import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * A JSON array as read: its elements in an array of exactly their number, nulls included (unlike {@code List.of}),
 * every change refused by {@link AbstractList}. One object and one array per JSON array, where an
 * {@code ArrayList} and a read-only view over it took three, with room for ten. Serializable, as the JDK's read-only
 * lists are: an application may keep claims in a replicated or passivated session.
 */
final class ReadOnlyList extends AbstractList<Object> implements RandomAccess, Serializable {

    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // JSON values only: String, Long, BigInteger, Double, Boolean, null, maps, lists
    private final Object[] elements;

    /** @param elements taken as they are: nobody else holds the array */
    ReadOnlyList(Object[] elements) {
        this.elements = elements;
    }

    @Override
    public Object get(int index) {
        return elements[index]; // past either end: ArrayIndexOutOfBoundsException, an IndexOutOfBoundsException
    }

    @Override
    public int size() {
        return elements.length;
    }
}
