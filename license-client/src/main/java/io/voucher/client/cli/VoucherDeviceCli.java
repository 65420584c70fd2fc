package io.voucher.client.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.voucher.client.DeviceInfo;
import io.voucher.client.DeviceVoucher;
import io.voucher.client.DrmException;
import io.voucher.client.DrmManager;
import io.voucher.client.GroupStatus;
import io.voucher.client.OutputProtection;
import io.voucher.client.PlaybackGrant;
import io.voucher.client.Registration;
import io.voucher.client.ResetReport;
import io.voucher.client.VoucherStatus;
import io.voucher.client.media.CencDecryptor;
import io.voucher.client.platform.HttpDevicePlatform;
import io.voucher.client.store.DeviceStore;
import io.voucher.crypto.challenge.GeneratedId;
import io.voucher.crypto.group.GroupId;
import io.voucher.crypto.pki.DeviceProfile;
import io.voucher.crypto.pki.HdcpVersion;
import io.voucher.crypto.pki.SecurityLevel;
import io.voucher.crypto.voucher.KeyId;
import org.jspecify.annotations.Nullable;

/**
 * {@code voucher-device}: the device SDK as a command-line tool. Exit status 0 on
 * success, 2 for a usage error, 3 for a DRM error (printed with its stable code).
 */
public final class VoucherDeviceCli {

	static final int OK = 0;

	static final int USAGE = 2;

	static final int DRM_ERROR = 3;

	static final String USAGE_TEXT = """
			Usage: voucher-device [options] <command> [arguments]

			Options (or environment variables):
			  --store DIR            device store directory (VOUCHER_DEVICE_STORE, default ~/.voucher-device)
			  --platform URL         Voucher platform (VOUCHER_PLATFORM, default http://localhost:8080)
			  --password-file FILE   store password file (else VOUCHER_DEVICE_PASSWORD)
			  --output-hdcp VERSION  HDCP of the current output: HDCP_NONE, HDCP_V1, HDCP_V2 (default HDCP_NONE)

			Commands:
			  individualize [--make M] [--model M] [--security-level N] [--max-hdcp V]
			  register --provider NAME [--generated-id ID]     prints the generated ID
			  fetch [--generated-id ID | --url URL | --group GROUP]   stores the bundle's vouchers
			  import FILE                  stores a voucher (storeVoucher)
			  export LICENSE_ID FILE       writes a voucher (toByteArray); FILE '-' is standard output
			  list                         the stored vouchers and their state
			  play CONTENT_ID [--decrypt IN.mp4 OUT.mp4]
			  join-group GROUP --token TOKEN
			  refresh-group GROUP
			  leave-group GROUP
			  revocation                   fetches the signed revocation list
			  info                         the device, its registrations and groups
			  reset [--vouchers-only]      DRM factory reset (resetDRM), or resetDRMVouchers
			""";

	private final PrintStream out;

	private final PrintStream err;

	private final Map<String, String> environment;

	VoucherDeviceCli(PrintStream out, PrintStream err, Map<String, String> environment) {
		this.out = out;
		this.err = err;
		this.environment = environment;
	}

	/**
	 * Runs a command and exits with its status.
	 * @param args the command line
	 */
	public static void main(String[] args) {
		System.exit(new VoucherDeviceCli(System.out, System.err, System.getenv()).run(args));
	}

	int run(String[] args) {
		Arguments arguments = new Arguments(args);
		try {
			String store = arguments.option("--store", env("VOUCHER_DEVICE_STORE",
					Path.of(System.getProperty("user.home"), ".voucher-device").toString()));
			String platform = arguments.option("--platform", env("VOUCHER_PLATFORM", "http://localhost:8080"));
			String passwordFile = arguments.option("--password-file", null);
			HdcpVersion output = HdcpVersion.valueOf(arguments.option("--output-hdcp", "HDCP_NONE"));
			if (arguments.flag("--help")) {
				this.out.print(USAGE_TEXT);
				return OK;
			}
			String command = arguments.next("command");
			if (command.equals("help")) {
				this.out.print(USAGE_TEXT);
				return OK;
			}
			char[] password = password(passwordFile);
			try (DrmManager drm = DrmManager.builder()
				.store(DeviceStore.open(Path.of(store), password))
				.platform(new HttpDevicePlatform(URI.create(platform)))
				.output(OutputProtection.fixed(output))
				.build()) {
				return execute(command, arguments, drm);
			}
			finally {
				Arrays.fill(password, ' ');
			}
		}
		catch (UsageException ex) {
			this.err.println("voucher-device: " + ex.getMessage());
			this.err.print(USAGE_TEXT);
			return USAGE;
		}
		catch (DrmException ex) {
			this.err.println("error " + ex.code() + " " + ex.error().textCode() + ": " + ex.getMessage());
			return DRM_ERROR;
		}
		catch (IllegalArgumentException ex) {
			this.err.println("voucher-device: " + ex.getMessage());
			return USAGE;
		}
	}

	private int execute(String command, Arguments arguments, DrmManager drm) {
		switch (command) {
			case "individualize" -> {
				DeviceProfile profile = new DeviceProfile(arguments.option("--make", "Voucher"),
						arguments.option("--model", "voucher-device"),
						SecurityLevel.of(Integer.parseInt(arguments.option("--security-level", "1"))),
						HdcpVersion.valueOf(arguments.option("--max-hdcp", "HDCP_NONE")));
				arguments.end();
				DeviceInfo device = drm.individualize(profile);
				this.out.println("individualized " + device.fingerprint() + " (" + device.make() + " " + device.model()
						+ ", security level " + device.securityLevel().value() + ", " + device.maxHdcp() + ")");
			}
			case "register" -> {
				String provider = arguments.required("--provider");
				String given = arguments.option("--generated-id", null);
				arguments.end();
				GeneratedId id = (given != null) ? new GeneratedId(given) : GeneratedId.random();
				Registration registration = drm.authenticate(id, provider);
				this.out.println(id.value());
				this.err.println((registration.created() ? "registered" : "already registered") + " with " + provider
						+ "; bundle at " + registration.bundleUrl());
			}
			case "fetch" -> {
				String id = arguments.option("--generated-id", null);
				String url = arguments.option("--url", null);
				String group = arguments.option("--group", null);
				arguments.end();
				List<DeviceVoucher> stored = new ArrayList<>();
				if (url != null) {
					stored.addAll(drm.loadVouchers(URI.create(url)));
				}
				else if (group != null) {
					stored.addAll(drm.loadGroupVouchers(new GroupId(group)));
				}
				else if (id != null) {
					stored.addAll(drm.loadVouchers(new GeneratedId(id)));
				}
				else {
					if (drm.registrations().isEmpty()) {
						throw new UsageException("no generated ID is registered on this device: register first");
					}
					for (Registration registration : drm.registrations()) {
						stored.addAll(drm.loadVouchers(registration.generatedId()));
					}
				}
				stored.forEach((voucher) -> this.out.println("stored " + describe(voucher)));
				this.err.println(stored.size() + " voucher(s) stored");
			}
			case "import" -> {
				Path file = Path.of(arguments.next("FILE"));
				arguments.end();
				this.out.println("stored " + describe(drm.storeVoucher(read(file))));
			}
			case "export" -> {
				String licenseId = arguments.next("LICENSE_ID");
				String file = arguments.next("FILE");
				arguments.end();
				byte[] bytes = drm.voucher(licenseId).toByteArray();
				if (file.equals("-")) {
					this.out.println(new String(bytes, StandardCharsets.US_ASCII));
				}
				else {
					write(Path.of(file), bytes);
					this.err.println("exported " + licenseId + " to " + file);
				}
			}
			case "list" -> {
				arguments.end();
				List<VoucherStatus> vouchers = drm.listVouchers();
				for (VoucherStatus status : vouchers) {
					this.out.println(status.voucher().licenseId() + "  " + status.voucher().contentId() + "  "
							+ status.state()
							+ ((status.reason() != null)
									? " (" + status.reason().code() + " " + status.reason().textCode() + ")" : "")
							+ "  " + binding(status.voucher()) + "  expires " + status.voucher().expiresAt()
							+ (status.voucher().persisted() ? "" : "  in memory"));
				}
				this.err.println(vouchers.size() + " voucher(s)");
			}
			case "play" -> {
				List<String> decrypt = arguments.options("--decrypt", 2);
				String contentId = arguments.next("CONTENT_ID");
				arguments.end();
				PlaybackGrant grant = drm.play(contentId);
				this.out.println("license " + grant.voucher().licenseId() + " plays " + contentId
						+ ((grant.mustStopAt() != null) ? " until " + grant.mustStopAt() : ""));
				for (KeyId keyId : grant.keyIds()) {
					this.out.println("key " + keyId.toHex());
				}
				grant.withheld()
					.forEach((key) -> this.out.println("withheld " + key.grant().keyId().toHex() + " "
							+ key.grant().trackType() + " (" + key.reason().textCode() + ")"));
				if (!decrypt.isEmpty()) {
					Optional<CencDecryptor> decryptor = CencDecryptor.onPath();
					if (decryptor.isEmpty()) {
						throw new DrmException(io.voucher.client.DrmError.MEDIA_TOOL_FAILED,
								"--decrypt needs ffmpeg on the PATH (apt-get install ffmpeg)");
					}
					KeyId used = decryptor.get().decrypt(grant, Path.of(decrypt.get(0)), Path.of(decrypt.get(1)));
					this.out
						.println("decrypted " + decrypt.get(0) + " to " + decrypt.get(1) + " with key " + used.toHex());
				}
			}
			case "join-group" -> {
				String token = arguments.required("--token");
				GroupId group = new GroupId(arguments.next("GROUP"));
				arguments.end();
				printGroup("joined", drm.joinDeviceGroup(group, token));
			}
			case "refresh-group" -> {
				GroupId group = new GroupId(arguments.next("GROUP"));
				arguments.end();
				printGroup("refreshed", drm.refreshDeviceGroup(group));
			}
			case "leave-group" -> {
				GroupId group = new GroupId(arguments.next("GROUP"));
				arguments.end();
				drm.leaveDeviceGroup(group);
				this.out.println("left " + group);
			}
			case "revocation" -> {
				arguments.end();
				this.out.println(drm.updateRevocationList() ? "this device is REVOKED" : "this device is not revoked");
			}
			case "info" -> {
				arguments.end();
				Optional<DeviceInfo> device = drm.device();
				this.out.println(device
					.map((info) -> "device " + info.fingerprint() + " (" + info.make() + " " + info.model()
							+ ", security level " + info.securityLevel().value() + ", " + info.maxHdcp()
							+ ", certificate until " + info.certificateExpiresAt() + ")")
					.orElse("device not individualized"));
				drm.registrations()
					.forEach((registration) -> this.out.println(
							"registration " + registration.generatedId().value() + " with " + registration.provider()));
				drm.deviceGroups().forEach((group) -> printGroup("group", group));
			}
			case "reset" -> {
				boolean vouchersOnly = arguments.flag("--vouchers-only");
				arguments.end();
				if (vouchersOnly) {
					this.out.println("purged " + drm.resetDRMVouchers() + " voucher(s)");
				}
				else {
					ResetReport report = drm.resetDRM();
					this.out.println("DRM reset: purged device " + report.previousDevice() + ", " + report.vouchers()
							+ " voucher(s), " + report.groups() + " group credential(s)");
					report.previousRegistrations()
						.forEach((id) -> this.out.println("previous generated ID " + id.value()));
				}
			}
			default -> throw new UsageException("unknown command '" + command + "'");
		}
		return OK;
	}

	private void printGroup(String what, GroupStatus group) {
		this.out.println(what + " " + group.groupId() + " generation " + group.generation() + ", credential until "
				+ group.expiresAt());
	}

	private static String describe(DeviceVoucher voucher) {
		return voucher.licenseId() + " for " + voucher.contentId() + " (" + binding(voucher)
				+ (voucher.persisted() ? "" : ", in memory only: not persistable") + ")";
	}

	private static String binding(DeviceVoucher voucher) {
		if (voucher.binding() instanceof io.voucher.crypto.voucher.Binding.GroupBinding group) {
			return "group " + group.groupId() + "#" + group.generation();
		}
		return "device";
	}

	private char[] password(@Nullable String file) {
		if (file != null) {
			String text = new String(read(Path.of(file)), StandardCharsets.UTF_8);
			return text.strip().toCharArray();
		}
		String password = this.environment.get("VOUCHER_DEVICE_PASSWORD");
		if (password == null || password.isEmpty()) {
			throw new UsageException("the store password is needed: --password-file or VOUCHER_DEVICE_PASSWORD");
		}
		return password.toCharArray();
	}

	private String env(String name, String fallback) {
		String value = this.environment.get(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

	private static byte[] read(Path file) {
		try {
			return Files.readAllBytes(file);
		}
		catch (IOException ex) {
			throw new UsageException("cannot read " + file + ": " + ex.getMessage());
		}
	}

	private static void write(Path file, byte[] bytes) {
		try {
			Files.write(file, bytes);
		}
		catch (IOException ex) {
			throw new UsageException("cannot write " + file + ": " + ex.getMessage());
		}
	}

	/**
	 * Options anywhere on the line, then positional arguments in order.
	 */
	static final class Arguments {

		private final List<String> words;

		Arguments(String[] args) {
			this.words = new ArrayList<>(List.of(args));
		}

		@Nullable String option(String name, @Nullable String fallback) {
			List<String> values = options(name, 1);
			return values.isEmpty() ? fallback : values.get(0);
		}

		String required(String name) {
			String value = option(name, null);
			if (value == null) {
				throw new UsageException(name + " is required");
			}
			return value;
		}

		List<String> options(String name, int arity) {
			int index = this.words.indexOf(name);
			if (index < 0) {
				return List.of();
			}
			if (index + arity >= this.words.size()) {
				throw new UsageException(name + " needs " + arity + " value(s)");
			}
			List<String> values = new ArrayList<>(this.words.subList(index + 1, index + 1 + arity));
			this.words.subList(index, index + 1 + arity).clear();
			return values;
		}

		boolean flag(String name) {
			return this.words.remove(name);
		}

		String next(String what) {
			Deque<String> rest = new ArrayDeque<>(this.words);
			String value = rest.pollFirst();
			if (value == null || value.startsWith("--")) {
				throw new UsageException((value == null) ? what + " is missing" : "unknown option " + value);
			}
			this.words.remove(0);
			return value;
		}

		void end() {
			if (!this.words.isEmpty()) {
				throw new UsageException("unexpected " + String.join(" ", this.words));
			}
		}

	}

	static final class UsageException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		UsageException(String message) {
			super(message);
		}

	}

}
