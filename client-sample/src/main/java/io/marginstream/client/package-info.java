/** The sample client, CLI and load tester. */
package io.marginstream.client;
