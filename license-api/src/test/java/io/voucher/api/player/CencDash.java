package io.voucher.api.player;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Turns MP4 files that ffmpeg encrypted with {@code -encryption_scheme cenc-aes-ctr} into
 * a DASH presentation that a browser player can load with Clear Key: an init segment and
 * one-second media segments per track, and a {@code manifest.mpd} naming each track's
 * {@code cenc:default_KID} and Clear Key {@code pssh}.
 * <p>
 * Why not ffmpeg's own {@code dash} muxer: ffmpeg 5.1 (Debian 12) writes the sample
 * encryption boxes ({@code senc}, {@code saiz}, {@code saio}) only into a non-fragmented
 * file's sample table, never into fragments, so its fragmented output cannot be
 * decrypted. This program keeps ffmpeg's encrypted samples and initialization vectors
 * byte for byte and only moves them into fragments. It needs nothing but the JDK, so that
 * it also runs as {@code java CencDash.java OUT_DIR video.mp4 audio.mp4}
 * (docs/try-it-player.md).
 */
public final class CencDash {

	static final String CLEAR_KEY_SYSTEM_ID = "e2719d58a985b3c9781ab030af78d30e";

	/**
	 * The W3C "Common PSSH" system id: the {@code pssh} a Clear Key CDM reads key ids
	 * from (Chromium's fails to make a license request from a {@code pssh} of the Clear
	 * Key system id itself).
	 */
	static final String COMMON_SYSTEM_ID = "1077efecc0b24d02ace33c1e52e2fb4b";

	private static final double SEGMENT_SECONDS = 1.0;

	private CencDash() {
	}

	/**
	 * Writes the presentation.
	 * @param args the output folder, then one or more encrypted single-track MP4 files
	 * @throws IOException if a file cannot be read or written
	 */
	public static void main(String[] args) throws IOException {
		if (args.length < 2) {
			System.err.println("usage: java CencDash.java OUT_DIR encrypted.mp4...");
			System.exit(2);
		}
		List<Path> inputs = new ArrayList<>();
		for (int i = 1; i < args.length; i++) {
			inputs.add(Path.of(args[i]));
		}
		Path manifest = write(Path.of(args[0]), inputs);
		System.out.println(manifest);
	}

	/**
	 * Fragments each input into {@code outDir} and writes {@code manifest.mpd} there.
	 * @param outDir the output folder (created when missing)
	 * @param inputs encrypted single-track MP4 files, each becoming one adaptation set
	 * @return the manifest's path
	 * @throws IOException if a file cannot be read or written
	 */
	public static Path write(Path outDir, List<Path> inputs) throws IOException {
		Files.createDirectories(outDir);
		List<Track> tracks = new ArrayList<>();
		for (int i = 0; i < inputs.size(); i++) {
			Track track = Track.read(Files.readAllBytes(inputs.get(i)));
			String name = track.video ? "video" + i : "audio" + i;
			track.fragment(outDir, name);
			tracks.add(track);
		}
		Path manifest = outDir.resolve("manifest.mpd");
		Files.writeString(manifest, mpd(tracks));
		return manifest;
	}

	private static String mpd(List<Track> tracks) {
		double duration = 0;
		for (Track track : tracks) {
			duration = Math.max(duration, (double) track.totalDuration / track.timescale);
		}
		StringBuilder xml = new StringBuilder();
		xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
			.append("<MPD xmlns=\"urn:mpeg:dash:schema:mpd:2011\" xmlns:cenc=\"urn:mpeg:cenc:2013\"")
			.append(" profiles=\"urn:mpeg:dash:profile:isoff-live:2011\" type=\"static\"")
			.append(String.format(Locale.ROOT, " mediaPresentationDuration=\"PT%.3fS\"", duration))
			.append(" minBufferTime=\"PT1S\">\n  <Period id=\"0\" start=\"PT0S\">\n");
		for (Track track : tracks) {
			xml.append("    <AdaptationSet contentType=\"")
				.append(track.video ? "video" : "audio")
				.append("\" mimeType=\"")
				.append(track.video ? "video/mp4" : "audio/mp4")
				.append("\" segmentAlignment=\"true\" startWithSAP=\"1\">\n")
				.append("      <ContentProtection schemeIdUri=\"urn:mpeg:dash:mp4protection:2011\" value=\"cenc\"")
				.append(" cenc:default_KID=\"")
				.append(uuid(track.kid))
				.append("\"/>\n")
				.append("      <ContentProtection schemeIdUri=\"urn:uuid:")
				.append(uuid(HexFormat.of().parseHex(CLEAR_KEY_SYSTEM_ID)))
				.append("\" value=\"ClearKey1.0\">\n        <cenc:pssh>")
				.append(Base64.getEncoder().encodeToString(clearKeyPssh(track.kid)))
				.append("</cenc:pssh>\n      </ContentProtection>\n")
				.append("      <Representation id=\"")
				.append(track.name)
				.append("\" codecs=\"")
				.append(track.codecs)
				.append("\" bandwidth=\"")
				.append(track.bandwidth())
				.append('"');
			if (track.video) {
				xml.append(" width=\"").append(track.width).append("\" height=\"").append(track.height).append('"');
			}
			else {
				xml.append(" audioSamplingRate=\"").append(track.timescale).append('"');
			}
			xml.append(">\n        <SegmentTemplate timescale=\"")
				.append(track.timescale)
				.append("\" initialization=\"")
				.append(track.name)
				.append("-init.mp4\" media=\"")
				.append(track.name)
				.append("-$Number$.m4s\" startNumber=\"1\">\n          <SegmentTimeline>\n");
			for (long[] segment : track.timeline) {
				xml.append("            <S t=\"")
					.append(segment[0])
					.append("\" d=\"")
					.append(segment[1])
					.append("\"/>\n");
			}
			xml.append("          </SegmentTimeline>\n        </SegmentTemplate>\n      </Representation>\n")
				.append("    </AdaptationSet>\n");
		}
		return xml.append("  </Period>\n</MPD>\n").toString();
	}

	/**
	 * A version-1 {@code pssh} box listing one key id, in the W3C "Common SystemID and
	 * PSSH Box Format" that Clear Key CDMs read.
	 */
	static byte[] clearKeyPssh(byte[] kid) {
		ByteBuffer payload = ByteBuffer.allocate(16 + 4 + 16 + 4);
		payload.put(HexFormat.of().parseHex(COMMON_SYSTEM_ID)).putInt(1).put(kid).putInt(0);
		return fullBox("pssh", 1, 0, payload.array());
	}

	private static String uuid(byte[] bytes) {
		String hex = HexFormat.of().formatHex(bytes);
		return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
				+ hex.substring(16, 20) + "-" + hex.substring(20);
	}

	/** One encrypted track of a non-fragmented MP4 file and its samples. */
	private static final class Track {

		final byte[] file;

		final Box moov;

		final Box trak;

		final Box stbl;

		boolean video;

		long timescale;

		int width;

		int height;

		String codecs = "";

		byte[] kid = new byte[16];

		int ivSize;

		String name = "";

		final List<Sample> samples = new ArrayList<>();

		final List<long[]> timeline = new ArrayList<>();

		long totalDuration;

		long totalBytes;

		boolean compositionOffsets;

		/**
		 * The {@code senc} flags: 2 when samples carry subsample maps (video NAL units).
		 */
		int sencFlags;

		private Track(byte[] file, Box moov) {
			this.file = file;
			this.moov = moov;
			this.trak = moov.only("trak");
			this.stbl = this.trak.child("mdia").child("minf").child("stbl");
		}

		static Track read(byte[] file) {
			Box moov = null;
			for (Box box : Box.children(file, 0, file.length)) {
				if (box.type.equals("moov")) {
					moov = box;
				}
			}
			if (moov == null) {
				throw new IllegalArgumentException("not an MP4 file: no moov box");
			}
			Track track = new Track(file, moov);
			track.readHeaders();
			track.readSamples();
			return track;
		}

		private void readHeaders() {
			Box mdia = this.trak.child("mdia");
			Box mdhd = mdia.child("mdhd");
			int version = this.file[mdhd.payload] & 0xff;
			this.timescale = u32(this.file, mdhd.payload + ((version == 1) ? 20 : 12));
			Box hdlr = mdia.child("hdlr");
			String handler = new String(this.file, hdlr.payload + 8, 4, StandardCharsets.ISO_8859_1);
			this.video = handler.equals("vide");
			Box tkhd = this.trak.child("tkhd");
			this.width = (int) (u32(this.file, tkhd.end - 8) >>> 16);
			this.height = (int) (u32(this.file, tkhd.end - 4) >>> 16);
			Box stsd = this.stbl.child("stsd");
			Box entry = Box.children(this.file, stsd.payload + 8, stsd.end).get(0);
			if (!entry.type.equals("encv") && !entry.type.equals("enca")) {
				throw new IllegalArgumentException("the track is not encrypted (sample entry " + entry.type + ")");
			}
			// The sample entry's own fields come before its child boxes.
			int childrenAt = entry.payload + (this.video ? 78 : 28);
			List<Box> inner = Box.children(this.file, childrenAt, entry.end);
			Box sinf = find(inner, "sinf");
			Box tenc = sinf.child("schi").child("tenc");
			this.ivSize = this.file[tenc.payload + 7] & 0xff;
			System.arraycopy(this.file, tenc.payload + 8, this.kid, 0, 16);
			if (this.video) {
				Box avcC = find(inner, "avcC");
				this.codecs = String.format(Locale.ROOT, "avc1.%02x%02x%02x", this.file[avcC.payload + 1],
						this.file[avcC.payload + 2], this.file[avcC.payload + 3]);
			}
			else {
				// ffmpeg's aac encoder writes AAC-LC.
				this.codecs = "mp4a.40.2";
			}
		}

		private static Box find(List<Box> boxes, String type) {
			return boxes.stream()
				.filter((box) -> box.type.equals(type))
				.findFirst()
				.orElseThrow(() -> new IllegalArgumentException("no " + type + " box"));
		}

		private void readSamples() {
			byte[] f = this.file;
			Box stsz = this.stbl.child("stsz");
			long constantSize = u32(f, stsz.payload + 4);
			int count = (int) u32(f, stsz.payload + 8);
			long[] sizes = new long[count];
			for (int i = 0; i < count; i++) {
				sizes[i] = (constantSize != 0) ? constantSize : u32(f, stsz.payload + 12 + 4 * i);
			}
			long[] durations = expand(this.stbl.child("stts"), count);
			Box ctts = this.stbl.optional("ctts");
			long[] offsets = (ctts != null) ? expand(ctts, count) : new long[count];
			this.compositionOffsets = ctts != null;
			boolean[] sync = new boolean[count];
			Box stss = this.stbl.optional("stss");
			if (stss == null) {
				Arrays.fill(sync, true);
			}
			else {
				int entries = (int) u32(f, stss.payload + 4);
				for (int i = 0; i < entries; i++) {
					sync[(int) u32(f, stss.payload + 8 + 4 * i) - 1] = true;
				}
			}
			long[] positions = positions(sizes);
			Box senc = this.stbl.child("senc");
			boolean subsamples = (u32(f, senc.payload) & 0x2) != 0;
			int at = senc.payload + 8;
			if (u32(f, senc.payload + 4) != count) {
				throw new IllegalArgumentException("senc lists another number of samples than stsz");
			}
			long time = 0;
			for (int i = 0; i < count; i++) {
				int start = at;
				at += this.ivSize;
				if (subsamples) {
					int entries = u16(f, at);
					at += 2 + 6 * entries;
				}
				byte[] auxiliary = Arrays.copyOfRange(f, start, at);
				this.samples
					.add(new Sample(positions[i], (int) sizes[i], durations[i], offsets[i], sync[i], time, auxiliary));
				time += durations[i];
				this.totalBytes += sizes[i];
			}
			this.totalDuration = time;
			this.sencFlags = subsamples ? 2 : 0;
		}

		/** Run-length tables (stts, ctts) as one value per sample. */
		private long[] expand(Box table, int count) {
			long[] values = new long[count];
			int entries = (int) u32(this.file, table.payload + 4);
			int sample = 0;
			for (int i = 0; i < entries; i++) {
				long run = u32(this.file, table.payload + 8 + 8 * i);
				long value = ByteBuffer.wrap(this.file, table.payload + 12 + 8 * i, 4).getInt();
				for (long j = 0; j < run && sample < count; j++) {
					values[sample++] = value;
				}
			}
			return values;
		}

		/** Each sample's byte position in the file, from the chunk tables. */
		private long[] positions(long[] sizes) {
			byte[] f = this.file;
			Box stco = this.stbl.optional("stco");
			Box co64 = this.stbl.optional("co64");
			Box offsets = (stco != null) ? stco : co64;
			int chunks = (int) u32(f, offsets.payload + 4);
			long[] chunkOffsets = new long[chunks];
			for (int i = 0; i < chunks; i++) {
				chunkOffsets[i] = (stco != null) ? u32(f, offsets.payload + 8 + 4 * i)
						: ByteBuffer.wrap(f, offsets.payload + 8 + 8 * i, 8).getLong();
			}
			Box stsc = this.stbl.child("stsc");
			int entries = (int) u32(f, stsc.payload + 4);
			long[] positions = new long[sizes.length];
			int sample = 0;
			for (int chunk = 0; chunk < chunks; chunk++) {
				long perChunk = 0;
				for (int i = 0; i < entries; i++) {
					if (u32(f, stsc.payload + 8 + 12 * i) <= chunk + 1) {
						perChunk = u32(f, stsc.payload + 12 + 12 * i);
					}
				}
				long position = chunkOffsets[chunk];
				for (long j = 0; j < perChunk && sample < sizes.length; j++) {
					positions[sample] = position;
					position += sizes[sample++];
				}
			}
			return positions;
		}

		long bandwidth() {
			return Math.max(1000, this.totalBytes * 8 * this.timescale / Math.max(1, this.totalDuration));
		}

		void fragment(Path outDir, String name) throws IOException {
			this.name = name;
			Files.write(outDir.resolve(name + "-init.mp4"), initSegment());
			long target = Math.round(SEGMENT_SECONDS * this.timescale);
			List<Sample> segment = new ArrayList<>();
			int number = 1;
			for (Sample sample : this.samples) {
				if (!segment.isEmpty() && sample.sync && sample.decodeTime - segment.get(0).decodeTime >= target) {
					writeSegment(outDir, number++, segment);
					segment = new ArrayList<>();
				}
				segment.add(sample);
			}
			writeSegment(outDir, number, segment);
		}

		private byte[] initSegment() {
			byte[] ftyp = box("ftyp", ascii("iso6"), ByteBuffer.allocate(4).putInt(0).array(), ascii("iso6"),
					ascii("isom"), ascii("dash"), ascii(this.video ? "avc1" : "mp41"));
			Box mdia = this.trak.child("mdia");
			Box minf = mdia.child("minf");
			byte[] stbl = box("stbl", this.stbl.child("stsd").bytes(this.file), emptyTable("stts"), emptyTable("stsc"),
					fullBox("stsz", 0, 0, new byte[8]), emptyTable("stco"));
			List<byte[]> minfChildren = new ArrayList<>();
			for (Box child : minf.children()) {
				if (!child.type.equals("stbl")) {
					minfChildren.add(child.bytes(this.file));
				}
			}
			minfChildren.add(stbl);
			byte[] newMinf = box("minf", minfChildren.toArray(byte[][]::new));
			byte[] newMdia = box("mdia", mdia.child("mdhd").bytes(this.file), mdia.child("hdlr").bytes(this.file),
					newMinf);
			byte[] newTrak = box("trak", this.trak.child("tkhd").bytes(this.file), newMdia);
			long trackId = trackId();
			byte[] trex = fullBox("trex", 0, 0,
					ByteBuffer.allocate(20).putInt((int) trackId).putInt(1).putInt(0).putInt(0).putInt(0).array());
			byte[] moovBox = box("moov", this.moov.child("mvhd").bytes(this.file), newTrak, box("mvex", trex));
			return concat(ftyp, moovBox);
		}

		private long trackId() {
			Box tkhd = this.trak.child("tkhd");
			int version = this.file[tkhd.payload] & 0xff;
			return u32(this.file, tkhd.payload + ((version == 1) ? 20 : 12));
		}

		private void writeSegment(Path outDir, int number, List<Sample> segment) throws IOException {
			long duration = 0;
			ByteArrayOutputStream mdat = new ByteArrayOutputStream();
			ByteArrayOutputStream auxiliary = new ByteArrayOutputStream();
			for (Sample sample : segment) {
				duration += sample.duration;
				mdat.write(this.file, (int) sample.position, sample.size);
				auxiliary.writeBytes(sample.auxiliary);
			}
			this.timeline.add(new long[] { segment.get(0).decodeTime, duration });
			byte[] mfhd = fullBox("mfhd", 0, 0, ByteBuffer.allocate(4).putInt(number).array());
			byte[] tfhd = fullBox("tfhd", 0, 0x020000, ByteBuffer.allocate(4).putInt((int) trackId()).array());
			byte[] tfdt = fullBox("tfdt", 1, 0, ByteBuffer.allocate(8).putLong(segment.get(0).decodeTime).array());
			byte[] senc = fullBox("senc", 0, this.sencFlags,
					concat(ByteBuffer.allocate(4).putInt(segment.size()).array(), auxiliary.toByteArray()));
			ByteBuffer sizes = ByteBuffer.allocate(5 + segment.size());
			sizes.put((byte) 0).putInt(segment.size());
			for (Sample sample : segment) {
				sizes.put((byte) sample.auxiliary.length);
			}
			byte[] saiz = fullBox("saiz", 0, 0, sizes.array());
			byte[] trunPlaceholder = trun(segment, 0);
			// saio points at senc's first entry, counted from the moof's first byte.
			long sencEntries = 8 + mfhd.length + 8 + tfhd.length + tfdt.length + trunPlaceholder.length + 16;
			byte[] saio = fullBox("saio", 0, 0, ByteBuffer.allocate(8).putInt(1).putInt((int) sencEntries).array());
			int moofSize = 8 + mfhd.length + 8 + tfhd.length + tfdt.length + trunPlaceholder.length + senc.length
					+ saiz.length + saio.length;
			byte[] trun = trun(segment, moofSize + 8);
			byte[] moof = box("moof", mfhd, box("traf", tfhd, tfdt, trun, senc, saiz, saio));
			byte[] styp = box("styp", ascii("msdh"), new byte[4], ascii("msdh"), ascii("msix"));
			Files.write(outDir.resolve(this.name + "-" + number + ".m4s"),
					concat(styp, moof, box("mdat", mdat.toByteArray())));
		}

		private byte[] trun(List<Sample> segment, int dataOffset) {
			int flags = 0x001 | 0x100 | 0x200 | 0x400 | (this.compositionOffsets ? 0x800 : 0);
			int perSample = this.compositionOffsets ? 16 : 12;
			ByteBuffer body = ByteBuffer.allocate(8 + perSample * segment.size());
			body.putInt(segment.size()).putInt(dataOffset);
			for (Sample sample : segment) {
				body.putInt((int) sample.duration).putInt(sample.size);
				// A sync sample depends on no other; any other is a non-sync sample.
				body.putInt(sample.sync ? 0x02000000 : 0x01010000);
				if (this.compositionOffsets) {
					body.putInt((int) sample.compositionOffset);
				}
			}
			return fullBox("trun", this.compositionOffsets ? 1 : 0, flags, body.array());
		}

	}

	private record Sample(long position, int size, long duration, long compositionOffset, boolean sync, long decodeTime,
			byte[] auxiliary) {
	}

	/** A box found in a file: its type and where it and its payload lie. */
	private record Box(byte[] file, String type, int start, int payload, int end) {

		static List<Box> children(byte[] file, int from, int to) {
			List<Box> boxes = new ArrayList<>();
			int at = from;
			while (at + 8 <= to) {
				long size = u32(file, at);
				String type = new String(file, at + 4, 4, StandardCharsets.ISO_8859_1);
				int header = 8;
				if (size == 1) {
					size = ByteBuffer.wrap(file, at + 8, 8).getLong();
					header = 16;
				}
				else if (size == 0) {
					size = to - at;
				}
				if (size < header || at + size > to) {
					throw new IllegalArgumentException("a " + type + " box runs past its parent");
				}
				boxes.add(new Box(file, type, at, at + header, (int) (at + size)));
				at += (int) size;
			}
			return boxes;
		}

		List<Box> children() {
			return children(this.file, this.payload, this.end);
		}

		Box child(String type) {
			Box box = optional(type);
			if (box == null) {
				throw new IllegalArgumentException("no " + type + " box in " + this.type);
			}
			return box;
		}

		Box only(String type) {
			List<Box> found = children().stream().filter((box) -> box.type.equals(type)).toList();
			if (found.size() != 1) {
				throw new IllegalArgumentException("expected one " + type + " box in " + this.type + ", found "
						+ found.size() + ": give one file per track");
			}
			return found.get(0);
		}

		Box optional(String type) {
			return children().stream().filter((box) -> box.type.equals(type)).findFirst().orElse(null);
		}

		byte[] bytes(byte[] file) {
			return Arrays.copyOfRange(file, this.start, this.end);
		}

	}

	private static byte[] emptyTable(String type) {
		return fullBox(type, 0, 0, new byte[4]);
	}

	static byte[] fullBox(String type, int version, int flags, byte[] payload) {
		return box(type, ByteBuffer.allocate(4).putInt((version << 24) | flags).array(), payload);
	}

	static byte[] box(String type, byte[]... parts) {
		byte[] body = concat(parts);
		ByteBuffer box = ByteBuffer.allocate(8 + body.length);
		box.putInt(8 + body.length).put(ascii(type)).put(body);
		return box.array();
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	private static byte[] ascii(String value) {
		return value.getBytes(StandardCharsets.ISO_8859_1);
	}

	private static long u32(byte[] bytes, int at) {
		return ByteBuffer.wrap(bytes, at, 4).getInt() & 0xffffffffL;
	}

	private static int u16(byte[] bytes, int at) {
		return ByteBuffer.wrap(bytes, at, 2).getShort() & 0xffff;
	}

}
