/**
 * Media helpers of the device SDK: decrypting CENC files with the keys of a playback
 * grant, through the {@code ffmpeg} command when it is installed.
 */
@NullMarked
package io.voucher.client.media;

import org.jspecify.annotations.NullMarked;
