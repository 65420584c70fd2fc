package io.voucher.api.player;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A short test clip, encrypted by ffmpeg ({@code cenc-aes-ctr}) with a video key and an
 * audio key, packaged as DASH by {@link CencDash}: four seconds of {@code testsrc2} at
 * 320 × 180 in H.264 and a 440 Hz sine in AAC, which Debian's Chromium decodes.
 */
public final class ClearKeyClip {

	static final Path FFMPEG = Path.of("/usr/bin/ffmpeg");

	private ClearKeyClip() {
	}

	/**
	 * A content key as ffmpeg takes it.
	 *
	 * @param kidHex the key id, 32 hex digits
	 * @param keyHex the key, 32 hex digits
	 */
	public record Key(String kidHex, String keyHex) {

		@Override
		public String toString() {
			return "Key[" + this.kidHex + "]";
		}

	}

	/**
	 * Makes the clip, or skips the test where ffmpeg is not installed (outside CI).
	 * @param dir an empty working folder
	 * @param video the video track's key
	 * @param audio the audio track's key
	 * @return the folder holding {@code manifest.mpd} and its segments
	 * @throws Exception if ffmpeg fails
	 */
	public static Path make(Path dir, Key video, Key audio) throws Exception {
		boolean present = Files.isExecutable(FFMPEG);
		if (!present && System.getenv("CI") != null) {
			throw new IllegalStateException(FFMPEG + " is missing: .ci/run must install Debian's ffmpeg");
		}
		assumeTrue(present, "ffmpeg is not installed (apt-get install ffmpeg); playback test skipped");
		Path videoFile = dir.resolve("video.mp4");
		Path audioFile = dir.resolve("audio.mp4");
		ffmpeg(dir, "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25:duration=4", "-c:v", "libx264", "-profile:v",
				"baseline", "-pix_fmt", "yuv420p", "-g", "25", "-keyint_min", "25", "-sc_threshold", "0", "-b:v",
				"300k", "-encryption_scheme", "cenc-aes-ctr", "-encryption_key", video.keyHex(), "-encryption_kid",
				video.kidHex(), videoFile.toString());
		ffmpeg(dir, "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=4", "-c:a", "aac", "-b:a",
				"64k", "-encryption_scheme", "cenc-aes-ctr", "-encryption_key", audio.keyHex(), "-encryption_kid",
				audio.kidHex(), audioFile.toString());
		Path out = dir.resolve("dash");
		CencDash.write(out, List.of(videoFile, audioFile));
		return out;
	}

	private static void ffmpeg(Path dir, String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(FFMPEG.toString(), "-hide_banner", "-loglevel", "error", "-y"));
		command.addAll(List.of(args));
		Path log = dir.resolve("ffmpeg.log");
		Process process = new ProcessBuilder(command).directory(dir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		if (!process.waitFor(5, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new IllegalStateException("ffmpeg did not finish: " + command);
		}
		if (process.exitValue() != 0) {
			throw new IllegalStateException("ffmpeg failed (" + process.exitValue() + "): " + Files.readString(log));
		}
	}

}
