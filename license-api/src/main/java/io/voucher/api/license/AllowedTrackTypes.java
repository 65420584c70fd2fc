package io.voucher.api.license;

import java.util.EnumSet;
import java.util.Set;

import io.voucher.crypto.voucher.TrackType;

/**
 * The template's {@code allowed_track_types}: which tracks' keys a license may carry.
 * Audio is always included.
 */
public enum AllowedTrackTypes {

	/** SD video and audio. The default. */
	SD_ONLY(EnumSet.of(TrackType.AUDIO, TrackType.SD)),

	/** SD and HD video, and audio. */
	SD_HD(EnumSet.of(TrackType.AUDIO, TrackType.SD, TrackType.HD)),

	/** Up to UHD1 video, and audio. */
	SD_UHD1(EnumSet.of(TrackType.AUDIO, TrackType.SD, TrackType.HD, TrackType.UHD1)),

	/** Every video track, and audio. */
	SD_UHD2(EnumSet.of(TrackType.AUDIO, TrackType.SD, TrackType.HD, TrackType.UHD1, TrackType.UHD2));

	private final Set<TrackType> tracks;

	AllowedTrackTypes(Set<TrackType> tracks) {
		this.tracks = tracks;
	}

	public Set<TrackType> tracks() {
		return EnumSet.copyOf(this.tracks);
	}

}
