package io.marginstream.gateway.engine;

/**
 * Which accounts' output a gateway node needs: the session layer says when the node's first subscriber of an
 * account's streams ({@code userData}, {@code marginRatio}, a listenKey) appears and when its last one leaves. The
 * embedded engine hands every account's output to the local fan-out and ignores this; the cluster's engine client
 * subscribes to the account's subjects only while the node follows it. Called on session threads, at most once per
 * change of the answer; must not block.
 */
public interface AccountInterest {

    /** The node now has a subscriber of {@code accountId}'s streams. */
    void follow(String accountId);

    /** The node has no subscriber of {@code accountId}'s streams any more. */
    void unfollow(String accountId);

    /** Ignores both. */
    AccountInterest NONE = new AccountInterest() {
        @Override
        public void follow(String accountId) {
        }

        @Override
        public void unfollow(String accountId) {
        }
    };
}
