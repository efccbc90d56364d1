/** Request signing of PROTOCOL.md §3: the signed payload, HMAC-SHA256 and Ed25519. */
package io.marginstream.protocol.auth;
