package io.voucher.client.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.voucher.client.DrmError;
import io.voucher.client.DrmException;
import io.voucher.client.PlaybackGrant;
import io.voucher.crypto.voucher.ContentKey;
import io.voucher.crypto.voucher.KeyId;

/**
 * Decrypts a CENC ({@code cenc-aes-ctr}) MP4 file with a key of a {@link PlaybackGrant},
 * by running {@code ffmpeg -decryption_key}: the key whose id is the file's default KID
 * (read from its {@code tenc} box), or the grant's only key.
 * <p>
 * ffmpeg takes the key on its command line, where other local users of the machine can
 * see it while it runs: this is a tool for development and demonstrations, not a secure
 * media path.
 */
public final class CencDecryptor {

	private static final byte[] TENC = "tenc".getBytes(StandardCharsets.US_ASCII);

	private final Path ffmpeg;

	/**
	 * A decryptor running an ffmpeg executable.
	 * @param ffmpeg the executable
	 */
	public CencDecryptor(Path ffmpeg) {
		this.ffmpeg = ffmpeg;
	}

	/**
	 * The {@code ffmpeg} of the {@code PATH}, if there is one.
	 * @return the decryptor
	 */
	public static Optional<CencDecryptor> onPath() {
		String path = System.getenv("PATH");
		if (path == null) {
			return Optional.empty();
		}
		for (String directory : path.split(java.io.File.pathSeparator)) {
			Path candidate = Path.of(directory, "ffmpeg");
			if (Files.isExecutable(candidate)) {
				return Optional.of(new CencDecryptor(candidate));
			}
		}
		return Optional.empty();
	}

	/**
	 * Decrypts a file.
	 * @param grant the playback grant
	 * @param in the CENC-encrypted MP4
	 * @param out the clear MP4 to write
	 * @return the id of the key used
	 * @throws DrmException {@code LICENSE_NOT_FOUND} when the grant has no key for the
	 * file, {@code MEDIA_TOOL_FAILED} when ffmpeg fails
	 */
	public KeyId decrypt(PlaybackGrant grant, Path in, Path out) {
		ContentKey key = keyFor(grant, defaultKeyIds(in));
		byte[] bytes = key.key().toByteArray();
		String hex = HexFormat.of().formatHex(bytes);
		Arrays.fill(bytes, (byte) 0);
		run(List.of(this.ffmpeg.toString(), "-nostdin", "-v", "error", "-y", "-decryption_key", hex, "-i",
				in.toString(), "-c", "copy", out.toString()));
		return key.keyId();
	}

	private static ContentKey keyFor(PlaybackGrant grant, Set<KeyId> fileKeyIds) {
		for (ContentKey key : grant.contentKeys()) {
			if (fileKeyIds.contains(key.keyId())) {
				return key;
			}
		}
		if (fileKeyIds.isEmpty() && grant.contentKeys().size() == 1) {
			return grant.contentKeys().get(0);
		}
		// Key ids in hex, as ffmpeg, the CENC boxes and the CLI's play show them.
		throw new DrmException(DrmError.LICENSE_NOT_FOUND, "The license grants keys " + hex(grant.keyIds())
				+ "; the file is encrypted with " + (fileKeyIds.isEmpty() ? "an unknown key id" : hex(fileKeyIds)));
	}

	private static List<String> hex(java.util.Collection<KeyId> keyIds) {
		return keyIds.stream().map(KeyId::toHex).sorted().toList();
	}

	/**
	 * The default key ids of a CENC MP4 (from its {@code tenc} boxes).
	 * @param file the file
	 * @return the key ids, empty when none is found
	 */
	public static Set<KeyId> defaultKeyIds(Path file) {
		Set<KeyId> result = new LinkedHashSet<>();
		byte[] head;
		try (InputStream in = Files.newInputStream(file)) {
			// The moov box (with tenc) comes first in files written for streaming; look
			// at the first few megabytes.
			head = in.readNBytes(8 * 1024 * 1024);
		}
		catch (IOException ex) {
			throw new DrmException(DrmError.MEDIA_TOOL_FAILED, "Cannot read " + file, ex);
		}
		for (int i = 4; i + 4 + 8 + KeyId.LENGTH <= head.length; i++) {
			if (head[i] == TENC[0] && Arrays.equals(head, i, i + 4, TENC, 0, 4)) {
				// tenc: version and flags (4), two bytes (reserved, or crypt/skip),
				// isProtected (1), per-sample IV size (1), then the default KID.
				result.add(new KeyId(Arrays.copyOfRange(head, i + 12, i + 12 + KeyId.LENGTH)));
			}
		}
		return result;
	}

	private static void run(List<String> command) {
		try {
			Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
			byte[] output = process.getInputStream().readAllBytes();
			if (!process.waitFor(5, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				throw new DrmException(DrmError.MEDIA_TOOL_FAILED, "ffmpeg did not finish in 5 minutes");
			}
			if (process.exitValue() != 0) {
				throw new DrmException(DrmError.MEDIA_TOOL_FAILED, "ffmpeg failed (exit " + process.exitValue() + "): "
						+ new String(output, StandardCharsets.UTF_8).trim());
			}
		}
		catch (IOException ex) {
			throw new DrmException(DrmError.MEDIA_TOOL_FAILED, "ffmpeg cannot be run: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DrmException(DrmError.MEDIA_TOOL_FAILED, "Interrupted while ffmpeg ran", ex);
		}
	}

	@Override
	public String toString() {
		return "CencDecryptor[" + this.ffmpeg + "]";
	}

}
