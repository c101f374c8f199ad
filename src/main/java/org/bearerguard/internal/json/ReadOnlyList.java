package org.bearerguard.internal.json;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * A JSON array as read: its elements in an array of exactly their number, nulls included (unlike {@code List.of}),
 * every change refused by {@link AbstractList}. One object and one array per JSON array, where an
 * {@code ArrayList} and a read-only view over it took three, with room for ten.
 */
final class ReadOnlyList extends AbstractList<Object> implements RandomAccess {

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
