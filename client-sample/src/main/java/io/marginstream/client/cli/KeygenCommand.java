package io.marginstream.client.cli;

import io.marginstream.client.Cli;
import io.marginstream.client.UsageException;
import io.marginstream.protocol.auth.Ed25519;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.concurrent.Callable;

/** {@code msc keygen}: an Ed25519 key pair; the private key into a new file (mode 600), the public key printed. */
@Command(name = "keygen", description = "Make an Ed25519 key pair: the private key into FILE, the public key "
        + "printed for a config's ed25519PublicKey.")
final class KeygenCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "where to write the private key "
            + "(must not exist)")
    Path out;

    KeygenCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        if (Files.exists(out)) {
            throw new UsageException(out + " exists; not overwriting a key");
        }
        KeyPair kp = Ed25519.generate();
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Ed25519.privateKeyBase64(kp.getPrivate())
                + "\n-----END PRIVATE KEY-----\n";
        boolean restricted = true;
        try {
            Files.createFile(out);
            try {
                Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // a file system without POSIX permissions (not an unfinished path): the key is written, and said so
                restricted = false;
                ctx.err().println("note: cannot restrict the permissions of " + out + " on this file system");
            }
            Files.writeString(out, pem);
        } catch (IOException e) {
            throw new UsageException("cannot write " + out + ": " + e.getMessage());
        }
        ctx.out().println("private key written to " + out + (restricted ? " (mode 600)" : ""));
        ctx.out().println("public key (ed25519PublicKey for the gateway config):");
        ctx.out().println(Ed25519.publicKeyBase64(kp.getPublic()));
        return Cli.OK;
    }
}
