package io.voucher.api.admin;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.voucher.registry.export.BundleExport;
import io.voucher.registry.export.ExportSummary;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;

/**
 * {@code voucher export-bundles [DIR] [--dry-run] [--name=value ...]}: exports the
 * bundles once into {@code DIR} (default {@code voucher.export.directory}) and exits. The
 * application context it runs in has no web server and runs no background jobs, so it can
 * run next to the servers of a cluster; {@code --name=value} arguments configure that
 * context as they configure the server (e.g. {@code --spring.datasource.url=…}).
 *
 * @param directory the folder, or {@code null} for the configured one
 * @param dryRun count what would be written and deleted, and write nothing
 * @param applicationArguments the {@code --name=value} arguments for the application
 * context
 */
public record BundleExportCommand(@Nullable Path directory, boolean dryRun, List<String> applicationArguments) {

	/** The command's name: the application's first argument. */
	public static final String NAME = "export-bundles";

	/** How to call it. */
	public static final String USAGE = "Usage: voucher " + NAME + " [DIR] [--dry-run] [--name=value ...]";

	/** Exit code of a successful export. */
	public static final int EXIT_OK = 0;

	/** Exit code of a failed export. */
	public static final int EXIT_FAILED = 1;

	/** Exit code of a call with bad arguments. */
	public static final int EXIT_USAGE = 2;

	private static final String JOBS_ENABLED = "--voucher.jobs.enabled";

	public BundleExportCommand {
		applicationArguments = List.copyOf(applicationArguments);
	}

	/**
	 * Reads the command's arguments (those after its name).
	 * @param arguments the arguments
	 * @return the command
	 * @throws IllegalArgumentException when they are not valid
	 */
	public static BundleExportCommand parse(String... arguments) {
		Path directory = null;
		boolean dryRun = false;
		List<String> application = new ArrayList<>();
		for (String argument : arguments) {
			if (argument.equals("--dry-run")) {
				dryRun = true;
			}
			else if (argument.startsWith("--") && argument.length() > 2) {
				application.add(argument);
			}
			else if (argument.startsWith("-") || directory != null) {
				throw new IllegalArgumentException("Unexpected argument: " + argument);
			}
			else {
				directory = Path.of(argument);
			}
		}
		return new BundleExportCommand(directory, dryRun, application);
	}

	/**
	 * The arguments to start the command's application context with: the caller's, with
	 * background jobs off (a command must not pick up the cluster's jobs) and, unless the
	 * caller chose otherwise, quiet logging and no banner so that the summary stands out.
	 * Passed as command-line arguments because those win over {@code application.yaml}.
	 * @return the arguments
	 */
	public String[] springArguments() {
		List<String> arguments = new ArrayList<>();
		for (String argument : this.applicationArguments) {
			// Repeating a property would make its value a list: drop the caller's.
			if (!argument.startsWith(JOBS_ENABLED + "=") && !argument.equals(JOBS_ENABLED)) {
				arguments.add(argument);
			}
		}
		arguments.add(JOBS_ENABLED + "=false");
		addUnlessGiven(arguments, "--logging.level.root", "WARN");
		addUnlessGiven(arguments, "--spring.main.banner-mode", "off");
		return arguments.toArray(String[]::new);
	}

	private static void addUnlessGiven(List<String> arguments, String name, String value) {
		if (arguments.stream().noneMatch((argument) -> argument.startsWith(name + "="))) {
			arguments.add(name + "=" + value);
		}
	}

	/**
	 * Runs the export in a started application context.
	 * @param context the context
	 * @param out where the summary goes
	 * @param err where errors go
	 * @return the exit code
	 */
	public int run(ApplicationContext context, PrintStream out, PrintStream err) {
		Path folder = (this.directory != null) ? this.directory
				: context.getBean(ExportProperties.class).absoluteDirectory();
		try {
			ExportSummary summary = context.getBean(BundleExport.class).export(folder, this.dryRun);
			out.println(summary);
			return EXIT_OK;
		}
		catch (RuntimeException ex) {
			err.println(NAME + " failed: " + ex.getMessage());
			return EXIT_FAILED;
		}
	}

}
