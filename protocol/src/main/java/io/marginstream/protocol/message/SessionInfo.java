package io.marginstream.protocol.message;

import java.util.List;

/**
 * The result of {@code session.logon}, {@code session.status} and {@code session.logout} (PROTOCOL.md §3). When
 * not logged on, {@code apiKey}, {@code accountId} and {@code authorizedSince} are {@code null} and
 * {@code permissions} is empty.
 *
 * @param authorizedSince epoch ms of the logon, or {@code null}
 * @param connectedSince  epoch ms the connection opened
 * @param serverTime      epoch ms now
 */
public record SessionInfo(String apiKey, String accountId, List<Permission> permissions, Long authorizedSince,
                          long connectedSince, long serverTime) {
    public SessionInfo {
        permissions = List.copyOf(permissions);
    }
}
