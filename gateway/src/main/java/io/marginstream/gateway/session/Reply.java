package io.marginstream.gateway.session;

/**
 * One request's place in its session's response order: responses leave in the order requests arrived, so a fast
 * answer waits behind a slower one before it. A singly linked list node; owned by the session's event loop.
 */
final class Reply {
    final Object id;
    byte[] bytes;
    Reply next;

    Reply(Object id) {
        this.id = id;
    }
}
