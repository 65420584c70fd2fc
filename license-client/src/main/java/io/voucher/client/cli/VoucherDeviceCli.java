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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import io.voucher.client.DeviceInfo;
import io.voucher.client.DeviceVoucher;
import io.voucher.client.DrmError;
import io.voucher.client.DrmException;
import io.voucher.client.DrmManager;
import io.voucher.client.GroupStatus;
import io.voucher.client.LicenseProxy;
import io.voucher.client.LicenseRequest;
import io.voucher.client.LoadedVouchers;
import io.voucher.client.OutputProtection;
import io.voucher.client.PlaybackGrant;
import io.voucher.client.Registration;
import io.voucher.client.ResetReport;
import io.voucher.client.VoucherStatus;
import io.voucher.client.media.CencDecryptor;
import io.voucher.client.platform.HttpDevicePlatform;
import io.voucher.client.platform.HttpLicenseProxy;
import io.voucher.client.store.DeviceStore;
import io.voucher.crypto.challenge.GeneratedId;
import io.voucher.crypto.group.GroupId;
import io.voucher.crypto.pki.DeviceProfile;
import io.voucher.crypto.pki.HdcpVersion;
import io.voucher.crypto.pki.SecurityLevel;
import io.voucher.crypto.voucher.KeyId;
import io.voucher.crypto.voucher.LicenseType;
import org.jspecify.annotations.Nullable;

/**
 * {@code voucher-device}: the device SDK as a command-line tool. Exit status 0 on
 * success, 2 for a usage error, 3 for a DRM error. Every error is one line on standard
 * error, {@code error <number> <code>: <sentence>}, with the SDK's stable
 * {@link DrmError} (usage errors are {@code 6005 invalid_argument}).
 */
public final class VoucherDeviceCli {

	static final int OK = 0;

	static final int USAGE = 2;

	static final int DRM_ERROR = 3;

	/** How long {@code fetch --wait} waits by default. */
	static final int DEFAULT_WAIT_SECONDS = 60;

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
			  fetch [--generated-id ID | --url URL | --group GROUP] [--wait [--timeout SECONDS]]
			                               stores the bundle's valid vouchers, reports the others;
			                               --wait: until the bundle brings a license not stored yet
			  license CONTENT_ID --proxy URL [--streaming] [--group GROUP] [--key-id HEX]...
			                               an online license through the provider's proxy (loadVoucher)
			  renew LICENSE_ID --proxy URL renews a license through the provider's proxy
			  challenge CONTENT_ID [--streaming] [--group GROUP] [--key-id HEX]...
			                               prints a signed license challenge (the license message's payload)
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

	private final Sleeper sleeper;

	VoucherDeviceCli(PrintStream out, PrintStream err, Map<String, String> environment) {
		this(out, err, environment, Thread::sleep);
	}

	VoucherDeviceCli(PrintStream out, PrintStream err, Map<String, String> environment, Sleeper sleeper) {
		this.out = out;
		this.err = err;
		this.environment = environment;
		this.sleeper = sleeper;
	}

	/**
	 * Runs a command and exits with its status.
	 * @param args the command line
	 */
	public static void main(String[] args) {
		System.exit(new VoucherDeviceCli(System.out, System.err, System.getenv()).run(args));
	}

	/**
	 * Runs a command in this process, for embedding and tests.
	 * @param args the command line
	 * @param out standard output
	 * @param err standard error
	 * @param environment the environment variables
	 * @return the exit status
	 */
	public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> environment) {
		return new VoucherDeviceCli(out, err, environment).run(args);
	}

	int run(String[] args) {
		Arguments arguments = new Arguments(args);
		try {
			String store = arguments.option("--store", env("VOUCHER_DEVICE_STORE",
					Path.of(System.getProperty("user.home"), ".voucher-device").toString()));
			String platform = arguments.option("--platform", env("VOUCHER_PLATFORM", "http://localhost:8080"));
			String passwordFile = arguments.option("--password-file", null);
			HdcpVersion output = hdcp(arguments.option("--output-hdcp", "HDCP_NONE"), "--output-hdcp");
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
			URI platformUrl = url(platform, "--platform");
			try (DrmManager drm = DrmManager.builder()
				.store(DeviceStore.open(Path.of(store), password))
				.platform(new HttpDevicePlatform(platformUrl))
				.output(OutputProtection.fixed(output))
				.build()) {
				return execute(command, arguments, drm);
			}
			finally {
				Arrays.fill(password, ' ');
			}
		}
		catch (UsageException ex) {
			printError(DrmError.INVALID_ARGUMENT, ex.getMessage() + " (voucher-device --help lists every command)");
			return USAGE;
		}
		catch (DrmException ex) {
			printError(ex.error(), ex.getMessage());
			return DRM_ERROR;
		}
		catch (RuntimeException ex) {
			// A value the SDK refused (a malformed generated ID, group id…): its message
			// is the SDK's own sentence, never a stack trace.
			printError(DrmError.INVALID_ARGUMENT, sentence(ex));
			return USAGE;
		}
	}

	private void printError(DrmError error, @Nullable String message) {
		this.err.println("error " + error.code() + " " + error.textCode() + ": "
				+ ((message != null && !message.isBlank()) ? message : "(no detail)"));
	}

	private static String sentence(RuntimeException ex) {
		String message = ex.getMessage();
		if (ex instanceof IllegalArgumentException && message != null && !message.isBlank()) {
			return message;
		}
		return "the command failed (" + ex.getClass().getSimpleName() + ")";
	}

	private int execute(String command, Arguments arguments, DrmManager drm) {
		switch (command) {
			case "individualize" -> {
				DeviceProfile profile = new DeviceProfile(arguments.option("--make", "Voucher"),
						arguments.option("--model", "voucher-device"),
						SecurityLevel.of(number(arguments.option("--security-level", "1"), "--security-level", 1, 5)),
						hdcp(arguments.option("--max-hdcp", "HDCP_NONE"), "--max-hdcp"));
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
				boolean wait = arguments.flag("--wait");
				String timeout = arguments.option("--timeout", null);
				arguments.end();
				if (timeout != null && !wait) {
					throw new UsageException("--timeout goes with --wait");
				}
				int seconds = (timeout != null) ? number(timeout, "--timeout", 1, 3600) : DEFAULT_WAIT_SECONDS;
				Supplier<List<LoadedVouchers>> load;
				if (url != null) {
					URI bundle = url(url, "--url");
					load = () -> List.of(drm.loadVouchers(bundle));
				}
				else if (group != null) {
					GroupId groupId = new GroupId(group);
					load = () -> List.of(drm.loadGroupVouchers(groupId));
				}
				else if (id != null) {
					GeneratedId generatedId = new GeneratedId(id);
					load = () -> List.of(drm.loadVouchers(generatedId));
				}
				else {
					if (drm.registrations().isEmpty()) {
						throw new DrmException(DrmError.NOT_REGISTERED,
								"No generated ID is registered on this device: run 'voucher-device register "
										+ "--provider NAME' first, or give --generated-id, --url or --group");
					}
					load = () -> drm.registrations()
						.stream()
						.map((registration) -> drm.loadVouchers(registration.generatedId()))
						.toList();
				}
				fetch(drm, load, wait, seconds);
			}
			case "license" -> {
				LicenseProxy proxy = new HttpLicenseProxy(url(arguments.required("--proxy"), "--proxy"));
				LicenseRequest request = licenseRequest(arguments);
				this.out.println("stored " + describe(drm.loadVoucher(request, proxy)));
			}
			case "renew" -> {
				LicenseProxy proxy = new HttpLicenseProxy(url(arguments.required("--proxy"), "--proxy"));
				String licenseId = arguments.next("LICENSE_ID");
				arguments.end();
				DeviceVoucher renewed = drm.renewVoucher(licenseId, proxy);
				this.out.println("renewed " + describe(renewed) + ", expires " + renewed.expiresAt());
			}
			case "challenge" -> {
				LicenseRequest request = licenseRequest(arguments);
				this.out.println(drm.challenge(request));
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
				PlaybackGrant grant = play(drm, contentId);
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
						throw new DrmException(DrmError.MEDIA_TOOL_FAILED,
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

	private void fetch(DrmManager drm, Supplier<List<LoadedVouchers>> load, boolean wait, int seconds) {
		Set<String> before = new HashSet<>();
		if (wait) {
			drm.listVouchers().forEach((status) -> before.add(status.voucher().licenseId()));
		}
		long waited = 0;
		while (true) {
			List<LoadedVouchers> loaded = load.get();
			List<DeviceVoucher> stored = loaded.stream().flatMap((one) -> one.stored().stream()).toList();
			List<LoadedVouchers.RefusedVoucher> refused = loaded.stream()
				.flatMap((one) -> one.refused().stream())
				.toList();
			boolean brought = stored.stream().anyMatch((voucher) -> !before.contains(voucher.licenseId()))
					|| !refused.isEmpty();
			if (!wait || brought) {
				stored.forEach((voucher) -> this.out.println("stored " + describe(voucher)));
				refused.forEach((voucher) -> this.err
					.println("refused " + voucher.licenseId() + " for " + voucher.contentId() + ": error "
							+ voucher.error().code() + " " + voucher.error().textCode() + ": " + voucher.message()));
				this.err.println(stored.size() + " voucher(s) stored"
						+ (refused.isEmpty() ? "" : ", " + refused.size() + " refused"));
				return;
			}
			if (waited >= seconds) {
				throw new DrmException(DrmError.LICENSE_NOT_FOUND,
						"The bundle brought no new license within " + seconds + " s: is the generated ID entitled "
								+ "(POST /api/v1/entitlements), and is the pre-generation job done "
								+ "(GET /api/v1/jobs/{jobId})?");
			}
			this.err.println("waiting for pre-generation: " + stored.size() + " voucher(s) in the bundle, none new ("
					+ waited + " s of " + seconds + " s)");
			try {
				this.sleeper.sleep(1000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new DrmException(DrmError.PLATFORM_UNREACHABLE, "Interrupted while waiting for the bundle", ex);
			}
			waited++;
		}
	}

	private static PlaybackGrant play(DrmManager drm, String contentId) {
		try {
			return drm.play(contentId);
		}
		catch (DrmException ex) {
			if (ex.error() == DrmError.LICENSE_NOT_FOUND) {
				throw new DrmException(DrmError.LICENSE_NOT_FOUND, ex.getMessage() + " on this device. A license whose "
						+ "policy does not allow persistence (can_persist false) is kept in memory only, by the "
						+ "process that fetched it: give the policy \"can_persist\": true to play it in another run, "
						+ "or fetch first ('voucher-device fetch --wait').", ex.platformCode(), ex);
			}
			throw ex;
		}
	}

	private static LicenseRequest licenseRequest(Arguments arguments) {
		boolean streaming = arguments.flag("--streaming");
		String group = arguments.option("--group", null);
		List<KeyId> keyIds = new ArrayList<>();
		for (String hex = arguments.option("--key-id", null); hex != null; hex = arguments.option("--key-id", null)) {
			keyIds.add(keyId(hex));
		}
		String contentId = arguments.next("CONTENT_ID");
		arguments.end();
		return new LicenseRequest(contentId, streaming ? LicenseType.STREAMING : LicenseType.OFFLINE,
				(group != null) ? new GroupId(group) : null, keyIds);
	}

	private static KeyId keyId(String hex) {
		try {
			return KeyId.ofHex(hex.replace("-", ""));
		}
		catch (IllegalArgumentException ex) {
			throw new UsageException("--key-id takes a key id in hex (32 hex digits), not '" + hex + "'");
		}
	}

	static HdcpVersion hdcp(@Nullable String value, String option) {
		for (HdcpVersion version : HdcpVersion.values()) {
			if (version.name().equalsIgnoreCase(String.valueOf(value))) {
				return version;
			}
		}
		throw new UsageException(option + " takes one of "
				+ String.join(", ", Arrays.stream(HdcpVersion.values()).map(Enum::name).toList()) + ", not '" + value
				+ "'");
	}

	static int number(@Nullable String value, String option, int min, int max) {
		try {
			int number = Integer.parseInt(String.valueOf(value).strip());
			if (number >= min && number <= max) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// Said below.
		}
		throw new UsageException(option + " takes a whole number from " + min + " to " + max + ", not '" + value + "'");
	}

	static URI url(@Nullable String value, String option) {
		try {
			URI uri = new URI(String.valueOf(value));
			if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
				return uri;
			}
		}
		catch (java.net.URISyntaxException ex) {
			// Said below.
		}
		throw new UsageException(option + " takes an http(s) URL such as http://localhost:8080, not '" + value + "'");
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

	/** Waits between two polls of {@code fetch --wait}; tests do not wait. */
	@FunctionalInterface
	interface Sleeper {

		void sleep(long millis) throws InterruptedException;

	}

	static final class UsageException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		UsageException(String message) {
			super(message);
		}

	}

}
