package se.council.hub.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import org.springframework.stereotype.Component;
import se.council.hub.config.HubProperties;

/**
 * Content-addressed file store: each content is kept once, under its SHA-256. Writes go to a
 * temporary file first and are moved into place, so a crash never leaves a half-written blob
 * under a valid address; writing the same content again is a no-op.
 */
@Component
public class BlobStore {

    private final Path root;

    public BlobStore(HubProperties properties) {
        this.root = properties.storage().dir().toAbsolutePath();
        try {
            Files.createDirectories(root.resolve("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the store directory " + root, e);
        }
    }

    /** Stores the content (if not there yet) and returns its SHA-256 in lower-case hex. */
    public String put(byte[] content) {
        String sha = sha256(content);
        Path target = path(sha);
        if (Files.exists(target)) {
            return sha;
        }
        try {
            Path tmp = root.resolve("tmp").resolve(UUID.randomUUID() + ".part");
            Files.write(tmp, content);
            install(tmp, sha);
            return sha;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store content " + sha, e);
        }
    }

    /** Moves a fully written temporary file to its address, or drops it when the content is there. */
    private void install(Path tmp, String sha) throws IOException {
        Path target = path(sha);
        if (Files.exists(target)) {
            Files.delete(tmp);
            return;
        }
        Files.createDirectories(target.getParent());
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Stores a file's content (if not there yet), reading it once; returns its SHA-256. */
    public String putFile(Path file) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            Path tmp = root.resolve("tmp").resolve(UUID.randomUUID() + ".part");
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                Files.copy(in, tmp);
            }
            String sha = HexFormat.of().formatHex(digest.digest());
            install(tmp, sha);
            return sha;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public long size(String sha256) {
        try {
            return Files.size(path(sha256));
        } catch (IOException e) {
            throw new UncheckedIOException("Stored content " + sha256 + " is missing", e);
        }
    }

    public byte[] get(String sha256) {
        try {
            return Files.readAllBytes(path(sha256));
        } catch (IOException e) {
            throw new UncheckedIOException("Stored content " + sha256 + " is missing", e);
        }
    }

    public InputStream open(String sha256) throws IOException {
        return Files.newInputStream(path(sha256));
    }

    Path path(String sha256) {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("Not a SHA-256 address: " + sha256);
        }
        return root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2));
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
