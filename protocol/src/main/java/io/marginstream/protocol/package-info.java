/** The MarginStream wire contract: envelopes, messages, error codes, the strict JSON codec and signing. */
package io.marginstream.protocol;
