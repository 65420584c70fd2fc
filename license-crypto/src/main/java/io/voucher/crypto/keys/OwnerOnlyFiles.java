package io.voucher.crypto.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * Files that only their owner may read: keystores, generated passwords and tokens. On
 * POSIX file systems folders get mode 0700 and files 0600, set when they are created
 * (never readable by others, not even briefly) and again on every start for files that
 * older versions left open.
 */
public final class OwnerOnlyFiles {

	/** Owner read, write and search: 0700. */
	public static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");

	/** Owner read and write: 0600. */
	public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

	private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

	private static final SecureRandom random = new SecureRandom();

	private OwnerOnlyFiles() {
	}

	/**
	 * Creates a folder (and its missing parents) if needed and makes it owner-only.
	 * @param folder the folder
	 * @throws IOException if it cannot be created or protected
	 */
	public static void folder(Path folder) throws IOException {
		if (!Files.isDirectory(folder)) {
			Path parent = folder.toAbsolutePath().getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
			if (POSIX) {
				Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(FOLDER));
			}
			else {
				Files.createDirectory(folder);
			}
		}
		protect(folder, FOLDER);
	}

	/**
	 * Makes an existing file owner-only (0600).
	 * @param file the file
	 * @throws IOException if its permissions cannot be set
	 */
	public static void protect(Path file) throws IOException {
		protect(file, FILE);
	}

	/**
	 * Writes a file that only its owner can read, replacing any earlier one atomically.
	 * @param file the file
	 * @param content its content
	 * @throws IOException if it cannot be written
	 */
	public static void write(Path file, byte[] content) throws IOException {
		Path folder = file.toAbsolutePath().getParent();
		Path temporary = POSIX ? Files.createTempFile(folder, ".tmp-", ".part", ownerOnly())
				: Files.createTempFile(folder, ".tmp-", ".part");
		try {
			Files.write(temporary, content);
			Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	/**
	 * Reads a generated secret from an owner-only file, or generates one (256 random
	 * bits, base64url) and stores it there if the file does not exist yet.
	 * @param file the file
	 * @return the secret
	 * @throws IOException if it cannot be read or written
	 */
	public static String secret(Path file) throws IOException {
		if (Files.exists(file)) {
			protect(file);
			String secret = Files.readString(file, StandardCharsets.UTF_8).trim();
			if (!secret.isEmpty()) {
				return secret;
			}
		}
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		write(file, secret.getBytes(StandardCharsets.US_ASCII));
		return secret;
	}

	private static FileAttribute<Set<PosixFilePermission>> ownerOnly() {
		return PosixFilePermissions.asFileAttribute(FILE);
	}

	private static void protect(Path path, Set<PosixFilePermission> permissions) throws IOException {
		if (POSIX && !Files.getPosixFilePermissions(path).equals(permissions)) {
			Files.setPosixFilePermissions(path, permissions);
		}
	}

}
