package io.voucher.api;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

import io.voucher.api.admin.BundleExportCommand;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;

/**
 * Starts the Voucher license server. Components, entities and repositories of every
 * module under {@code io.voucher} are picked up. With {@code export-bundles} as the first
 * argument it runs that command instead and exits (see {@link BundleExportCommand}).
 */
@SpringBootApplication(scanBasePackages = "io.voucher")
@AutoConfigurationPackage(basePackages = "io.voucher")
@ConfigurationPropertiesScan("io.voucher")
public class VoucherApplication {

	public static void main(String[] args) {
		if (args.length > 0 && BundleExportCommand.NAME.equals(args[0])) {
			System.exit(runCommand(System.out, System.err, args));
		}
		SpringApplication.run(VoucherApplication.class, args);
	}

	/**
	 * Runs a one-shot command
	 * ({@code export-bundles [DIR] [--dry-run] [--name=value ...]}) in an application
	 * context without web server and without background jobs.
	 * @param out where the command's result goes
	 * @param err where errors go
	 * @param args the command's name and its arguments
	 * @return the exit code: 0 done, 1 failed, 2 bad arguments
	 */
	public static int runCommand(PrintStream out, PrintStream err, String... args) {
		List<String> arguments = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
		if (args.length == 0 || !BundleExportCommand.NAME.equals(args[0])) {
			err.println(BundleExportCommand.USAGE);
			return BundleExportCommand.EXIT_USAGE;
		}
		if (arguments.contains("--help") || arguments.contains("-h")) {
			out.println(BundleExportCommand.USAGE);
			return BundleExportCommand.EXIT_OK;
		}
		BundleExportCommand command;
		try {
			command = BundleExportCommand.parse(arguments.toArray(String[]::new));
		}
		catch (IllegalArgumentException ex) {
			err.println(ex.getMessage());
			err.println(BundleExportCommand.USAGE);
			return BundleExportCommand.EXIT_USAGE;
		}
		ConfigurableApplicationContext context;
		try {
			context = new SpringApplicationBuilder(VoucherApplication.class, CommandSecurity.class)
				.web(WebApplicationType.NONE)
				.run(command.springArguments());
		}
		catch (RuntimeException ex) {
			// Spring Boot has logged why (no database, bad configuration…).
			err.println(BundleExportCommand.NAME + ": the application could not start: " + ex.getMessage());
			return BundleExportCommand.EXIT_FAILED;
		}
		try (context) {
			return command.run(context, out, err);
		}
	}

	/**
	 * Lets a command's context start without a web server: the security configuration
	 * builds its filter chains from {@code HttpSecurity}, which Spring Boot provides in
	 * web applications only. The chains are built and never used. Not a component, so the
	 * server's own context never sees it.
	 */
	@EnableWebSecurity
	static class CommandSecurity {

	}

}
