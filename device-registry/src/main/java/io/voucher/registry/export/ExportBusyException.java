package io.voucher.registry.export;

import java.nio.file.Path;

/**
 * Another export into the same folder is running (on this node or another one); exports
 * into one folder take turns, so that a slower one never overwrites a newer bundle file.
 */
public class ExportBusyException extends IllegalStateException {

	/**
	 * Creates the exception.
	 * @param directory the folder being exported into
	 */
	public ExportBusyException(Path directory) {
		super("Another bundle export into " + directory + " is running; try again when it has finished");
	}

}
