package io.voucher.api.reliability;

import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.voucher.api.testing.HttpTester;
import io.voucher.api.testing.TrustedManufacturer;
import io.voucher.crypto.challenge.GeneratedId;
import io.voucher.crypto.challenge.GroupRequest;
import io.voucher.crypto.challenge.RegistrationRequest;
import io.voucher.crypto.group.GroupId;
import io.voucher.crypto.internal.Jose;
import io.voucher.crypto.internal.PrivateKeys;
import io.voucher.crypto.testing.TestDevice;
import io.voucher.crypto.testing.TestPki;
import io.voucher.domain.testing.PostgresTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bad-input catalogue: for every operation of the OpenAPI description, requests that
 * are wrong in one way each, with the problem answer each must get. Adding a case is one
 * line in {@link #CASES}, and each case is a test of its own; an operation without a case
 * fails the build. After the whole catalogue has run, no table holds a row more or less
 * than before.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "voucher.admin.initial-username=root",
		"voucher.admin.initial-password=" + BadInputCatalogueTests.PASSWORD, "voucher.http.max-request-body=64KB" })
@PostgresTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputCatalogueTests {

	static final String PASSWORD = "catalogue admin password";

	static final String ADMIN = "admin";

	static final String PROVIDER = "provider";

	static final String NOBODY = "nobody";

	static final String PACKAGER = "packager";

	/** A signed-in console session, sending no CSRF token. */
	static final String SESSION = "session";

	/** A device whose signed request is not a JWS at all. */
	static final String DEVICE_GARBAGE = "device-garbage";

	/** A browser whose entitlement token (as a bearer token) is not a JWS at all. */
	static final String CLEAR_KEY_GARBAGE = "clear-key-garbage";

	/** A browser with a valid entitlement token of the catalogue provider. */
	static final String CLEAR_KEY_TOKEN = "clear-key-token";

	/** The key id of the fixture content's SD key. */
	static final String KNOWN_KEY_ID = "ASNFZ4mrze8BI0VniavN7w==";

	/** A well-formed generated ID no entitlement names. */
	static final String GENERATED_ID = "Zx8kQ2mN5pR7tV9wY1bC3dF6gH";

	/** A generated ID the fixture grants the fixture content. */
	static final String GRANTED_ID = "Qa7Ws2Ed4Rf6Tg8Yh1Uj3Ik5Ol";

	/** A body over the 64 KB limit set for this test. */
	static final String HUGE = "{\"name\": \"" + "x".repeat(70_000) + "\"}";

	/** A manufacturer the platform trusts, so that its devices' signatures verify. */
	static final TestPki MANUFACTURER = TestPki.create();

	static final TestDevice DEVICE = MANUFACTURER.newDevice().build();

	/** A device whose group requests are validly signed but say {@code iat} = 2^63. */
	static final String DEVICE_IAT_2_63 = "device-iat-2^63";

	/** A device whose group requests are validly signed but say {@code iat} = 1e30. */
	static final String DEVICE_IAT_1E30 = "device-iat-1e30";

	/** A device whose group requests are validly signed but say {@code iat} = -2^62. */
	static final String DEVICE_IAT_MINUS_2_62 = "device-iat--2^62";

	/** Replaced by the console session's CSRF token in a case's path. */
	static final String XSRF = "{xsrf}";

	static final List<Case> CASES = List.of(
	// @formatter:off
		bad("getPlatform", NOBODY, "GET", "/api/v1/platform", null, "application/xml", 406, "NOT_ACCEPTABLE"),
		bad("individualizeDevice", NOBODY, "POST", "/device/v1/individualization", "{}", null, 400, "VALIDATION_FAILED"),
		bad("individualizeDevice", NOBODY, "POST", "/device/v1/individualization", "{\"csr\": \"***\", \"make\": \"A\", \"model\": \"B\"}", null, 400, "INVALID_CSR"),
		bad("individualizeDevice", NOBODY, "POST", "/device/v1/individualization", "{\"csr\": \"AAECAwQF\", \"make\": \"A\", \"model\": \"B\"}", null, 400, "INVALID_CSR"),
		bad("individualizeDevice", NOBODY, "POST", "/device/v1/individualization", "{\"csr\": \"AAECAwQF\", \"make\": \"A\", \"model\": \"B\", \"security_level\": 4}", null, 400, "DEVICE_PROFILE_NOT_ALLOWED"),
		bad("individualizeDevice", NOBODY, "POST", "/device/v1/individualization", "{\"csr\": \"AAECAwQF\", \"make\": \"tab\\there\", \"model\": \"B\"}", null, 400, "VALIDATION_FAILED"),
		bad("getDeviceTrust", NOBODY, "GET", "/device/v1/trust", null, "application/xml", 406, "NOT_ACCEPTABLE"),
		bad("getRevocationList", NOBODY, "GET", "/device/v1/revocation-list", null, "application/xml", 406, "NOT_ACCEPTABLE"),
		bad("createPolicy", PROVIDER, "POST", "/api/v1/policies", "{\"name\": ", null, 400, "MALFORMED_REQUEST"),
		bad("createPolicy", PROVIDER, "POST", "/api/v1/policies", "{\"name\": \"p\", \"can_play\": \"yes\"}", null, 400, "MALFORMED_REQUEST"),
		bad("createPolicy", PROVIDER, "POST", "/api/v1/policies", "{\"name\": \"p\", \"can_plya\": true}", null, 400, "MALFORMED_REQUEST"),
		bad("createPolicy", PROVIDER, "POST", "/api/v1/policies", "{\"can_play\": true}", null, 400, "INVALID_POLICY"),
		bad("createPolicy", PROVIDER, "POST", "/api/v1/policies", "{\"name\": \"p\", \"license_duration_seconds\": -1}", null, 400, "INVALID_POLICY"),
		bad("createPolicy", PROVIDER, "POST", "/api/v1/policies", "{\"name\": \"p\", \"license_duration_seconds\": 1e30}", null, 400, "MALFORMED_REQUEST"),
		bad("createPolicy", PROVIDER, "POST", "/api/v1/policies", "{\"name\": \"p\", \"rental_duration_seconds\": 9223372036854775807}", null, 400, "INVALID_POLICY"),
		bad("createPolicy", PROVIDER, "POST", "/api/v1/policies", "{\"name\": \"p\", \"renewal_server_url\": \"javascript:alert(1)\", \"can_renew\": true}", null, 400, "INVALID_POLICY"),
		bad("createPolicy", PROVIDER, "POST", "/api/v1/policies", "{\"name\": \"politique-\u00e9t\u00e9\"}", null, 400, "INVALID_POLICY"),
		bad("createPolicy", PROVIDER, "POST", "/api/v1/policies", "{\"name\": \"existing\"}", null, 409, "POLICY_EXISTS"),
		bad("createPolicy", PROVIDER, "POST", "/api/v1/policies", HUGE, null, 413, "PAYLOAD_TOO_LARGE"),
		bad("createPolicy", PROVIDER, "POST", "/api/v1/policies", "name=p", "text/plain", 415, "UNSUPPORTED_MEDIA_TYPE"),
		bad("listPolicies", PROVIDER, "GET", "/api/v1/policies?size=100000", null, null, 400, "INVALID_PAGE_REQUEST"),
		bad("listPolicies", PROVIDER, "GET", "/api/v1/policies?page=x", null, null, 400, "MALFORMED_REQUEST"),
		bad("getPolicy", PROVIDER, "GET", "/api/v1/policies/missing", null, null, 404, "POLICY_NOT_FOUND"),
		bad("getPolicy", PROVIDER, "GET", "/api/v1/policies/%E2%98%83", null, null, 400, "INVALID_POLICY"),
		bad("replacePolicy", PROVIDER, "PUT", "/api/v1/policies/existing", "[1, 2]", null, 400, "MALFORMED_REQUEST"),
		bad("replacePolicy", PROVIDER, "PUT", "/api/v1/policies/existing", "{\"renew_with_usage\": true}", null, 400, "INVALID_POLICY"),
		bad("replacePolicy", PROVIDER, "PUT", "/api/v1/policies/missing", "{}", null, 404, "POLICY_NOT_FOUND"),
		bad("deletePolicy", PROVIDER, "DELETE", "/api/v1/policies/missing", null, null, 404, "POLICY_NOT_FOUND"),
		bad("createContent", PROVIDER, "POST", "/api/v1/contents", "{\"keys\": [{\"track_type\": \"SD\"}]}", null, 400, "INVALID_CONTENT"),
		bad("createContent", PROVIDER, "POST", "/api/v1/contents", "{\"content_id\": \"c1\"}", null, 400, "INVALID_CONTENT"),
		bad("createContent", PROVIDER, "POST", "/api/v1/contents", "{\"content_id\": \"c1\", \"keys\": [{\"track_type\": \"4K\"}]}", null, 400, "MALFORMED_REQUEST"),
		bad("createContent", PROVIDER, "POST", "/api/v1/contents", "{\"content_id\": \"c1\", \"keys\": [{\"track_type\": \"SD\", \"key\": \"not base64!\"}]}", null, 400, "INVALID_CONTENT"),
		bad("createContent", PROVIDER, "POST", "/api/v1/contents", "{\"content_id\": \"c1\", \"keys\": [{\"track_type\": \"SD\", \"key\": \"AAECAwQFBgcICQoLDA0O\"}]}", null, 400, "INVALID_CONTENT"),
		bad("createContent", PROVIDER, "POST", "/api/v1/contents", "{\"content_id\": \"c1\", \"keys\": [{\"track_type\": \"SD\"}, {\"track_type\": \"SD\"}]}", null, 400, "INVALID_CONTENT"),
		bad("createContent", PROVIDER, "POST", "/api/v1/contents", "{\"content_id\": \"film \u00e9t\u00e9\", \"keys\": [{\"track_type\": \"SD\"}]}", null, 400, "INVALID_CONTENT"),
		bad("createContent", PROVIDER, "POST", "/api/v1/contents", "{\"content_id\": \"existing-content\", \"keys\": [{\"track_type\": \"SD\"}]}", null, 409, "CONTENT_EXISTS"),
		bad("createContent", PROVIDER, "POST", "/api/v1/contents", "{\"content_id\": \"c2\", \"keys\": [{\"track_type\": \"SD\", \"key_id\": \"" + KNOWN_KEY_ID + "\"}]}", null, 409, "CONTENT_EXISTS"),
		bad("listContents", PROVIDER, "GET", "/api/v1/contents?sort=sealed_key", null, null, 400, "INVALID_PAGE_REQUEST"),
		bad("getContent", PROVIDER, "GET", "/api/v1/contents/missing", null, null, 404, "CONTENT_NOT_FOUND"),
		bad("getContent", PROVIDER, "GET", "/api/v1/contents/has%20space", null, null, 400, "INVALID_CONTENT"),
		bad("rotateContentKeys", PROVIDER, "POST", "/api/v1/contents/missing/keys", "{\"keys\": [{\"track_type\": \"SD\"}]}", null, 404, "CONTENT_NOT_FOUND"),
		bad("rotateContentKeys", PROVIDER, "POST", "/api/v1/contents/existing-content/keys", "{\"keys\": []}", null, 400, "INVALID_CONTENT"),
		bad("rotateContentKeys", PROVIDER, "POST", "/api/v1/contents/existing-content/keys", "{\"keys\": [{\"track_type\": \"HD\", \"key_id\": \"" + KNOWN_KEY_ID + "\"}]}", null, 409, "CONTENT_EXISTS"),
		bad("deleteContent", PROVIDER, "DELETE", "/api/v1/contents/missing", null, null, 404, "CONTENT_NOT_FOUND"),
		bad("deleteContent", PROVIDER, "DELETE", "/api/v1/contents/missing?dry_run=true", null, null, 404, "CONTENT_NOT_FOUND"),
		bad("deleteContent", PROVIDER, "DELETE", "/api/v1/contents/has%20space", null, null, 400, "INVALID_CONTENT"),
		bad("deleteContent", PROVIDER, "DELETE", "/api/v1/contents/existing-content?dry_run=maybe", null, null, 400, "MALFORMED_REQUEST"),
		bad("exportContentKeys", PACKAGER, "POST", "/api/v1/contents/missing/keys/export", "{}", null, 404, "CONTENT_NOT_FOUND"),
		bad("exportContentKeys", PACKAGER, "POST", "/api/v1/contents/existing-content/keys/export", "{\"key_ids\": [\"AAAA\"]}", null, 400, "INVALID_CONTENT"),
		bad("exportContentKeys", PACKAGER, "POST", "/api/v1/contents/existing-content/keys/export", "{\"key_ids\": [\"ASNFZ4mrze8BI0Vniavtfw==\"]}", null, 400, "INVALID_CONTENT"),
		bad("exportContentKeys", PROVIDER, "POST", "/api/v1/contents/existing-content/keys/export", "{}", null, 403, "FORBIDDEN"),
		bad("requestCpixKeys", PACKAGER, "POST", "/api/v1/cpix", "<cpix:CPIX xmlns:cpix=\"urn:dashif:org:cpix\"", "application/xml", 400, "INVALID_CPIX"),
		bad("requestCpixKeys", PACKAGER, "POST", "/api/v1/cpix", "<?xml version=\"1.0\"?><!DOCTYPE c [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><cpix:CPIX xmlns:cpix=\"urn:dashif:org:cpix\" contentId=\"&x;\"/>", "application/xml", 400, "INVALID_CPIX"),
		bad("requestCpixKeys", PACKAGER, "POST", "/api/v1/cpix", "<cpix:CPIX xmlns:cpix=\"urn:dashif:org:cpix\"/>", "application/xml", 400, "INVALID_CPIX"),
		bad("requestCpixKeys", PACKAGER, "POST", "/api/v1/cpix", "<CPIX contentId=\"existing-content\"/>", "text/xml", 400, "INVALID_CPIX"),
		bad("requestCpixKeys", PACKAGER, "POST", "/api/v1/cpix", cpix("existing-content", "not-a-uuid", null), "application/xml", 400, "INVALID_CPIX"),
		bad("requestCpixKeys", PACKAGER, "POST", "/api/v1/cpix", cpix("existing-content", "01234567-89ab-cdef-0123-456789abcdef", "edef8ba9-79d6-4ace-a3c8-27dcd51d21ed"), "application/xml", 400, "CPIX_DRM_SYSTEM_NOT_SUPPORTED"),
		bad("requestCpixKeys", PACKAGER, "POST", "/api/v1/cpix", cpix("missing", "01234567-89ab-cdef-0123-456789abcdef", null), "application/xml", 404, "CONTENT_NOT_FOUND"),
		bad("requestCpixKeys", PACKAGER, "POST", "/api/v1/cpix", cpix("existing-content", "01234567-89ab-cdef-0123-4567899999ff", null), "application/xml", 404, "CPIX_KEY_NOT_FOUND"),
		bad("requestCpixKeys", PROVIDER, "POST", "/api/v1/cpix", cpix("existing-content", "01234567-89ab-cdef-0123-456789abcdef", null), "application/xml", 403, "CPIX_DELIVERY_KEY_REQUIRED"),
		bad("requestCpixKeys", ADMIN, "POST", "/api/v1/cpix", cpix("existing-content", "01234567-89ab-cdef-0123-456789abcdef", null), "application/xml", 403, "FORBIDDEN"),
		bad("requestCpixKeys", PACKAGER, "POST", "/api/v1/cpix", "{\"content_id\": \"existing-content\"}", null, 415, "UNSUPPORTED_MEDIA_TYPE"),
		bad("requestCpixKeys", PACKAGER, "POST", "/api/v1/cpix", "<x>" + "x".repeat(70_000) + "</x>", "application/xml", 413, "PAYLOAD_TOO_LARGE"),
		bad("requestSpekeKeys", PACKAGER, "POST", "/api/v1/speke/v2", "<cpix:CPIX xmlns:cpix=\"urn:dashif:org:cpix\" contentId=", "application/xml", 400, "INVALID_CPIX"),
		bad("requestSpekeKeys", PACKAGER, "POST", "/api/v1/speke/v2", cpix("missing", "01234567-89ab-cdef-0123-456789abcdef", null), "application/xml", 404, "CONTENT_NOT_FOUND"),
		bad("requestSpekeKeys", PACKAGER, "POST", "/api/v1/speke/v2", "{}", null, 415, "UNSUPPORTED_MEDIA_TYPE"),
		bad("createTestToken", PROVIDER, "POST", "/api/v1/contents/existing-content/test-token", "{}", null, 400, "VALIDATION_FAILED"),
		bad("createTestToken", PROVIDER, "POST", "/api/v1/contents/existing-content/test-token", "{\"policy_name\": \"existing\", \"lifetime_seconds\": 601}", null, 400, "VALIDATION_FAILED"),
		bad("createTestToken", PROVIDER, "POST", "/api/v1/contents/existing-content/test-token", "{\"policy_name\": \"existing\", \"lifetime_seconds\": 5}", null, 400, "VALIDATION_FAILED"),
		bad("createTestToken", PROVIDER, "POST", "/api/v1/contents/existing-content/test-token", "{\"policy_name\": \"existing\", \"lifetime_seconds\": \"soon\"}", null, 400, "MALFORMED_REQUEST"),
		bad("createTestToken", PROVIDER, "POST", "/api/v1/contents/existing-content/test-token", "{\"policy_name\": \"missing\"}", null, 404, "POLICY_NOT_FOUND"),
		bad("createTestToken", PROVIDER, "POST", "/api/v1/contents/missing/test-token", "{\"policy_name\": \"existing\"}", null, 404, "CONTENT_NOT_FOUND"),
		bad("requestLicense", PROVIDER, "POST", "/api/v1/licenses", "{\"payload\": ", null, 400, "MALFORMED_REQUEST"),
		bad("requestLicense", PROVIDER, "POST", "/api/v1/licenses", "{\"payload\": \"x\", \"parse_only\": \"perhaps\"}", null, 400, "MALFORMED_REQUEST"),
		bad("requestLicense", PROVIDER, "POST", "/api/v1/licenses", "{\"payload\": \"x\", \"allowed_track_types\": \"HD_ONLY\"}", null, 400, "MALFORMED_REQUEST"),
		bad("requestLicense", PROVIDER, "POST", "/api/v1/licenses", "{\"payload\": \"x\", \"policy_overrides\": {\"can_fly\": true}}", null, 400, "MALFORMED_REQUEST"),
		bad("requestLicense", PROVIDER, "POST", "/api/v1/licenses", HUGE, null, 413, "PAYLOAD_TOO_LARGE"),
		bad("listIssuedLicenses", PROVIDER, "GET", "/api/v1/licenses?sort=session_token", null, null, 400, "INVALID_PAGE_REQUEST"),
		bad("listIssuedLicenses", ADMIN, "GET", "/api/v1/licenses", null, null, 400, "PROVIDER_REQUIRED"),
		bad("revokeDevice", PROVIDER, "POST", "/api/v1/devices/not-a-fingerprint/revoke", "{\"reason\": \"cloned\"}", null, 400, "VALIDATION_FAILED"),
		bad("revokeDevice", PROVIDER, "POST", "/api/v1/devices/" + "A".repeat(43) + "/revoke", "{}", null, 400, "VALIDATION_FAILED"),
		bad("revokeDevice", PROVIDER, "POST", "/api/v1/devices/" + "A".repeat(43) + "/revoke", "{\"reason\": \"" + "x".repeat(501) + "\"}", null, 400, "VALIDATION_FAILED"),
		bad("revokeDevice", ADMIN, "POST", "/api/v1/devices/" + "A".repeat(43) + "/revoke", "{\"reason\": \"cloned\"}", null, 400, "PROVIDER_REQUIRED"),
		bad("listDeviceBlocks", PROVIDER, "GET", "/api/v1/devices/blocks?size=0", null, null, 400, "INVALID_PAGE_REQUEST"),
		bad("listDeviceBlocks", ADMIN, "GET", "/api/v1/devices/blocks", null, null, 400, "PROVIDER_REQUIRED"),
		bad("getDeviceAdmission", ADMIN, "GET", "/api/v1/device-admission?provider=missing", null, null, 404, "PROVIDER_NOT_FOUND"),
		bad("updateDeviceAdmission", PROVIDER, "PUT", "/api/v1/device-admission", "{}", null, 400, "INVALID_DEVICE_ADMISSION"),
		bad("updateDeviceAdmission", PROVIDER, "PUT", "/api/v1/device-admission", "{\"accept_built_in_ca\": true, \"all_manufacturer_roots\": true, \"min_security_level\": 6}", null, 400, "INVALID_DEVICE_ADMISSION"),
		bad("updateDeviceAdmission", PROVIDER, "PUT", "/api/v1/device-admission", "{\"accept_built_in_ca\": false, \"all_manufacturer_roots\": false, \"manufacturer_roots\": [\"not-a-fingerprint\"], \"min_security_level\": 1}", null, 400, "INVALID_DEVICE_ADMISSION"),
		bad("updateDeviceAdmission", PROVIDER, "PUT", "/api/v1/device-admission", "{\"accept_built_in_ca\": false, \"all_manufacturer_roots\": false, \"manufacturer_roots\": [null], \"min_security_level\": 1}", null, 400, "MALFORMED_REQUEST"),
		bad("updateDeviceAdmission", PROVIDER, "PUT", "/api/v1/device-admission", "{\"accept_built_in_ca\": \"no\", \"all_manufacturer_roots\": true, \"min_security_level\": 1}", null, 400, "MALFORMED_REQUEST"),
		bad("updateDeviceAdmission", PROVIDER, "PUT", "/api/v1/device-admission", "{\"accept_built_in_ca\": true, \"all_manufacturer_roots\": true, \"min_security_level\": 1, \"clear_key_enabled\": \"yes\"}", null, 400, "MALFORMED_REQUEST"),
		bad("revokeDevicePlatformWide", ADMIN, "POST", "/api/v1/admin/device-revocations", "{}", null, 400, "VALIDATION_FAILED"),
		bad("revokeDevicePlatformWide", ADMIN, "POST", "/api/v1/admin/device-revocations", "{\"fingerprint\": \"not-a-fingerprint\", \"reason\": \"cloned\"}", null, 400, "VALIDATION_FAILED"),
		bad("revokeDevicePlatformWide", ADMIN, "POST", "/api/v1/admin/device-revocations", "{\"fingerprint\": 12, \"reason\": []}", null, 400, "MALFORMED_REQUEST"),
		bad("createProvider", ADMIN, "POST", "/api/v1/admin/providers", "{}", null, 400, "VALIDATION_FAILED"),
		bad("createProvider", ADMIN, "POST", "/api/v1/admin/providers", "{\"name\": \"Bad Name\", \"display_name\": \"x\"}", null, 400, "VALIDATION_FAILED"),
		bad("createProvider", ADMIN, "POST", "/api/v1/admin/providers", "{\"name\": \"catalogue\", \"display_name\": \"again\"}", null, 409, "PROVIDER_EXISTS"),
		bad("listProviders", ADMIN, "GET", "/api/v1/admin/providers?sort=secret_hash", null, null, 400, "INVALID_PAGE_REQUEST"),
		bad("getProvider", ADMIN, "GET", "/api/v1/admin/providers/missing", null, null, 404, "PROVIDER_NOT_FOUND"),
		bad("createProviderCredential", ADMIN, "POST", "/api/v1/admin/providers/missing/credentials", "{\"label\": \"x\"}", null, 404, "PROVIDER_NOT_FOUND"),
		bad("createProviderCredential", ADMIN, "POST", "/api/v1/admin/providers/catalogue/credentials", "{\"label\": \"\"}", null, 400, "VALIDATION_FAILED"),
		bad("listProviderCredentials", ADMIN, "GET", "/api/v1/admin/providers/missing/credentials", null, null, 404, "PROVIDER_NOT_FOUND"),
		bad("rotateProviderCredential", ADMIN, "POST", "/api/v1/admin/providers/catalogue/credentials/aaaaaaaaaa/rotate", "{}", null, 404, "CREDENTIAL_NOT_FOUND"),
		bad("rotateProviderCredential", ADMIN, "POST", "/api/v1/admin/providers/catalogue/credentials/aaaaaaaaaa/rotate", "{\"grace_seconds\": -1}", null, 400, "VALIDATION_FAILED"),
		bad("revokeProviderCredential", ADMIN, "DELETE", "/api/v1/admin/providers/catalogue/credentials/aaaaaaaaaa", null, null, 404, "CREDENTIAL_NOT_FOUND"),
		bad("createAdminUser", ADMIN, "POST", "/api/v1/admin/users", "{\"username\": \"u1\", \"role\": \"GOD\", \"initial_password\": \"long enough password\"}", null, 400, "MALFORMED_REQUEST"),
		bad("createAdminUser", ADMIN, "POST", "/api/v1/admin/users", "{\"username\": \"u1\", \"role\": \"AUDITOR\", \"initial_password\": \"short\"}", null, 400, "WEAK_PASSWORD"),
		bad("createAdminUser", ADMIN, "POST", "/api/v1/admin/users", "{\"username\": \"u1\", \"role\": \"AUDITOR\", \"initial_password\": \"aaaaaaaaaaaa\"}", null, 400, "WEAK_PASSWORD"),
		bad("createAdminUser", ADMIN, "POST", "/api/v1/admin/users", "{\"username\": \"u1\", \"role\": \"AUDITOR\", \"initial_password\": \"Password1234!\"}", null, 400, "WEAK_PASSWORD"),
		bad("createAdminUser", ADMIN, "POST", "/api/v1/admin/users", "{\"username\": \"u1\", \"role\": \"AUDITOR\", \"initial_password\": \"" + "long enough password ".repeat(10) + "\"}", null, 400, "VALIDATION_FAILED"),
		bad("createAdminUser", ADMIN, "POST", "/api/v1/admin/users", "{\"username\": \"ROOT\", \"role\": \"AUDITOR\", \"initial_password\": \"long enough password\"}", null, 409, "USER_EXISTS"),
		bad("createAdminUser", ADMIN, "POST", "/api/v1/admin/users", "{\"username\": \"has space\", \"role\": \"AUDITOR\", \"initial_password\": \"long enough password\"}", null, 400, "VALIDATION_FAILED"),
		bad("createAdminUser", ADMIN, "POST", "/api/v1/admin/users", "{\"username\": \"root\", \"role\": \"AUDITOR\", \"initial_password\": \"long enough password\"}", null, 409, "USER_EXISTS"),
		bad("listAdminUsers", ADMIN, "GET", "/api/v1/admin/users?page=-1", null, null, 400, "INVALID_PAGE_REQUEST"),
		bad("getAdminUser", ADMIN, "GET", "/api/v1/admin/users/missing", null, null, 404, "NOT_FOUND"),
		bad("deletePolicy", PROVIDER, "DELETE", "/api/v1/policies/in-use", null, null, 409, "POLICY_IN_USE"),
		bad("registerDevice", NOBODY, "POST", "/device/v1/registrations", "{}", null, 400, "VALIDATION_FAILED"),
		bad("registerDevice", NOBODY, "POST", "/device/v1/registrations", "{\"registration\": \"not.a.jws\"}", null, 400, "INVALID_REGISTRATION"),
		bad("registerDevice", NOBODY, "POST", "/device/v1/registrations", "{\"registration\": \"eyJhbGciOiJub25lIiwidHlwIjoidm91Y2hlci1yZWdpc3RyYXRpb24rand0In0.e30.\"}", null, 400, "INVALID_REGISTRATION"),
		bad("getLicenseBundle", NOBODY, "GET", "/device/v1/registrations/unknown-generated-id-0123456789/licenses", null, null, 404, "REGISTRATION_NOT_FOUND"),
		bad("getLicenseBundle", NOBODY, "GET", "/device/v1/registrations/%E2%98%83/licenses", null, null, 404, "REGISTRATION_NOT_FOUND"),
		bad("grantEntitlement", PROVIDER, "POST", "/api/v1/entitlements", "{\"content_id\": \"existing-content\", \"policy_name\": \"existing\"}", null, 400, "INVALID_ENTITLEMENT"),
		bad("grantEntitlement", PROVIDER, "POST", "/api/v1/entitlements", "{\"generated_id\": \"short\", \"content_id\": \"existing-content\", \"policy_name\": \"existing\"}", null, 400, "INVALID_ENTITLEMENT"),
		bad("grantEntitlement", PROVIDER, "POST", "/api/v1/entitlements", "{\"generated_id\": \"" + GENERATED_ID + "\", \"content_id\": \"existing-content\"}", null, 400, "INVALID_ENTITLEMENT"),
		bad("grantEntitlement", PROVIDER, "POST", "/api/v1/entitlements", "{\"generated_id\": \"" + GENERATED_ID + "\", \"content_id\": \"missing\", \"policy_name\": \"existing\"}", null, 404, "CONTENT_NOT_FOUND"),
		bad("grantEntitlement", PROVIDER, "POST", "/api/v1/entitlements", "{\"generated_id\": \"" + GENERATED_ID + "\", \"content_id\": \"existing-content\", \"policy_name\": \"missing\"}", null, 404, "POLICY_NOT_FOUND"),
		bad("grantEntitlement", PROVIDER, "POST", "/api/v1/entitlements", "{\"generated_id\": \"" + GENERATED_ID + "\", \"content_id\": \"existing-content\", \"policy_overrides\": {\"license_duration_seconds\": -5}}", null, 400, "INVALID_POLICY"),
		bad("grantEntitlement", PROVIDER, "POST", "/api/v1/entitlements", "{\"generated_id\": \"" + GENERATED_ID + "\", \"content_id\": \"existing-content\", \"policy_name\": \"existing\", \"license_type\": \"FOREVER\"}", null, 400, "INVALID_ENTITLEMENT"),
		bad("grantEntitlement", PROVIDER, "POST", "/api/v1/entitlements", "{\"generated_id\": \"" + GRANTED_ID + "\", \"content_id\": \"existing-content\", \"policy_name\": \"in-use\"}", null, 409, "ENTITLEMENT_EXISTS"),
		bad("listEntitlements", PROVIDER, "GET", "/api/v1/entitlements?sort=policy_overrides", null, null, 400, "INVALID_PAGE_REQUEST"),
		bad("getEntitlement", PROVIDER, "GET", "/api/v1/entitlements/not-a-uuid", null, null, 404, "ENTITLEMENT_NOT_FOUND"),
		bad("getEntitlement", PROVIDER, "GET", "/api/v1/entitlements/00000000-0000-0000-0000-000000000000", null, null, 404, "ENTITLEMENT_NOT_FOUND"),
		bad("withdrawEntitlement", PROVIDER, "DELETE", "/api/v1/entitlements/00000000-0000-0000-0000-000000000000", null, null, 404, "ENTITLEMENT_NOT_FOUND"),
		bad("listRegistrations", PROVIDER, "GET", "/api/v1/registrations?status=SLEEPING", null, null, 400, "VALIDATION_FAILED"),
		bad("listRegistrations", PROVIDER, "GET", "/api/v1/registrations?size=0", null, null, 400, "INVALID_PAGE_REQUEST"),
		bad("getRegistration", PROVIDER, "GET", "/api/v1/registrations/unknown-generated-id-0123456789", null, null, 404, "REGISTRATION_NOT_FOUND"),
		bad("transferRegistration", PROVIDER, "POST", "/api/v1/registrations/unknown-generated-id-0123456789/transfer", "{\"to_generated_id\": \"" + GENERATED_ID + "\"}", null, 404, "REGISTRATION_NOT_FOUND"),
		bad("transferRegistration", PROVIDER, "POST", "/api/v1/registrations/unknown-generated-id-0123456789/transfer", "{\"to_generated_id\": \"aaaa\"}", null, 400, "VALIDATION_FAILED"),
		bad("transferRegistration", PROVIDER, "POST", "/api/v1/registrations/unknown-generated-id-0123456789/transfer", "{}", null, 400, "VALIDATION_FAILED"),
		bad("getJob", PROVIDER, "GET", "/api/v1/jobs/not-a-uuid", null, null, 404, "JOB_NOT_FOUND"),
		bad("listJobs", PROVIDER, "GET", "/api/v1/jobs?status=SLEEPING", null, null, 400, "VALIDATION_FAILED"),
		bad("listJobs", ADMIN, "GET", "/api/v1/jobs?provider=missing", null, null, 404, "PROVIDER_NOT_FOUND"),
		bad("listJobs", PROVIDER, "GET", "/api/v1/jobs?size=201", null, null, 400, "INVALID_PAGE_REQUEST"),
		bad("grantEntitlement", PROVIDER, "POST", "/api/v1/entitlements", "{\"generated_id\": \"" + GENERATED_ID + "\", \"group_id\": \"grp_x\", \"content_id\": \"existing-content\", \"policy_name\": \"existing\"}", null, 400, "INVALID_ENTITLEMENT"),
		bad("grantEntitlement", PROVIDER, "POST", "/api/v1/entitlements", "{\"group_id\": \"missing\", \"content_id\": \"existing-content\", \"policy_name\": \"existing\"}", null, 404, "GROUP_NOT_FOUND"),
		bad("createDeviceGroup", PROVIDER, "POST", "/api/v1/device-groups", "{}", null, 400, "INVALID_GROUP"),
		bad("createDeviceGroup", PROVIDER, "POST", "/api/v1/device-groups", "{\"name\": \"f\", \"max_members\": 0}", null, 400, "INVALID_GROUP"),
		bad("createDeviceGroup", PROVIDER, "POST", "/api/v1/device-groups", "{\"name\": \"f\", \"max_members\": 100000}", null, 400, "INVALID_GROUP"),
		bad("createDeviceGroup", PROVIDER, "POST", "/api/v1/device-groups", "{\"name\": \"f\", \"max_members\": \"many\"}", null, 400, "MALFORMED_REQUEST"),
		bad("listDeviceGroups", PROVIDER, "GET", "/api/v1/device-groups?size=0", null, null, 400, "INVALID_PAGE_REQUEST"),
		bad("getDeviceGroup", PROVIDER, "GET", "/api/v1/device-groups/missing", null, null, 404, "GROUP_NOT_FOUND"),
		bad("deleteDeviceGroup", PROVIDER, "DELETE", "/api/v1/device-groups/missing", null, null, 404, "GROUP_NOT_FOUND"),
		bad("createDeviceGroupJoinToken", PROVIDER, "POST", "/api/v1/device-groups/missing/join-tokens", "{}", null, 404, "GROUP_NOT_FOUND"),
		bad("createDeviceGroupJoinToken", PROVIDER, "POST", "/api/v1/device-groups/missing/join-tokens", "{\"validity_seconds\": \"soon\"}", null, 400, "MALFORMED_REQUEST"),
		bad("removeDeviceGroupMember", PROVIDER, "DELETE", "/api/v1/device-groups/missing/members/" + "A".repeat(43), null, null, 404, "GROUP_NOT_FOUND"),
		bad("joinDeviceGroup", NOBODY, "POST", "/device/v1/device-groups/missing/members", null, null, 400, "INVALID_DEVICE_REQUEST"),
		bad("createEntitlementTokenKey", PROVIDER, "POST", "/api/v1/entitlement-token-keys", "{}", null, 400, "INVALID_ENTITLEMENT_TOKEN_KEY"),
		bad("createEntitlementTokenKey", PROVIDER, "POST", "/api/v1/entitlement-token-keys", "{\"algorithm\": \"RS256\"}", null, 400, "INVALID_ENTITLEMENT_TOKEN_KEY"),
		bad("createEntitlementTokenKey", PROVIDER, "POST", "/api/v1/entitlement-token-keys", "{\"algorithm\": \"ES256\"}", null, 400, "INVALID_ENTITLEMENT_TOKEN_KEY"),
		bad("createEntitlementTokenKey", PROVIDER, "POST", "/api/v1/entitlement-token-keys", "{\"algorithm\": \"ES256\", \"public_key_pem\": \"-----BEGIN PUBLIC KEY-----\\nAAAA\\n-----END PUBLIC KEY-----\"}", null, 400, "INVALID_ENTITLEMENT_TOKEN_KEY"),
		bad("createEntitlementTokenKey", PROVIDER, "POST", "/api/v1/entitlement-token-keys", "{\"algorithm\": \"ES256\", \"public_key_jwk\": {\"kty\": \"oct\", \"k\": \"AAAAAAAAAAAAAAAAAAAAAA\"}}", null, 400, "INVALID_ENTITLEMENT_TOKEN_KEY"),
		bad("createEntitlementTokenKey", PROVIDER, "POST", "/api/v1/entitlement-token-keys", "{\"algorithm\": \"HS256\", \"kid\": \"has space\"}", null, 400, "INVALID_ENTITLEMENT_TOKEN_KEY"),
		bad("createEntitlementTokenKey", PROVIDER, "POST", "/api/v1/entitlement-token-keys", "{\"algorithm\": \"HS256\", \"secret\": \"chosen by a person\"}", null, 400, "MALFORMED_REQUEST"),
		bad("listEntitlementTokenKeys", PROVIDER, "GET", "/api/v1/entitlement-token-keys?sort=sealed_secret", null, null, 400, "INVALID_PAGE_REQUEST"),
		bad("deleteEntitlementTokenKey", PROVIDER, "DELETE", "/api/v1/entitlement-token-keys/missing", null, null, 404, "ENTITLEMENT_TOKEN_KEY_NOT_FOUND"),
		bad("requestDeviceLicense", NOBODY, "POST", "/device/v1/licenses", "{}", null, 400, "VALIDATION_FAILED"),
		bad("requestDeviceLicense", NOBODY, "POST", "/device/v1/licenses", "{\"entitlement_token\": \"not.a.jwt\", \"challenge\": \"x\"}", null, 403, "ENTITLEMENT_TOKEN_REJECTED"),
		bad("requestDeviceLicense", NOBODY, "POST", "/device/v1/licenses", "{\"entitlement_token\": \"eyJhbGciOiJub25lIn0.eyJpc3MiOiJjYXRhbG9ndWUifQ.\", \"challenge\": \"x\"}", null, 403, "ENTITLEMENT_TOKEN_REJECTED"),
		bad("requestClearKeyLicense", NOBODY, "POST", "/api/v1/clearkey/license", "{\"kids\": [\"AAAAAAAAAAAAAAAAAAAAAA\"], \"type\": \"temporary\"}", null, 401, "CLEAR_KEY_TOKEN_MISSING"),
		bad("requestClearKeyLicense", CLEAR_KEY_GARBAGE, "POST", "/api/v1/clearkey/license", "{\"kids\": [\"AAAAAAAAAAAAAAAAAAAAAA\"], \"type\": \"temporary\"}", null, 403, "ENTITLEMENT_TOKEN_REJECTED"),
		bad("requestClearKeyLicense", CLEAR_KEY_TOKEN, "POST", "/api/v1/clearkey/license", "{\"kids\": [\"AAAAAAAAAAAAAAAAAAAAAA\"], \"type\": \"temporary\"}", null, 403, "CLEAR_KEY_DISABLED"),
		bad("requestClearKeyLicense", CLEAR_KEY_TOKEN, "POST", "/api/v1/clearkey/license", "{}", null, 400, "INVALID_CLEAR_KEY_REQUEST"),
		bad("requestClearKeyLicense", CLEAR_KEY_TOKEN, "POST", "/api/v1/clearkey/license", "[]", null, 400, "INVALID_CLEAR_KEY_REQUEST"),
		bad("requestClearKeyLicense", CLEAR_KEY_TOKEN, "POST", "/api/v1/clearkey/license", "{\"kids\": \"AAAAAAAAAAAAAAAAAAAAAA\"}", null, 400, "INVALID_CLEAR_KEY_REQUEST"),
		bad("requestClearKeyLicense", CLEAR_KEY_TOKEN, "POST", "/api/v1/clearkey/license", "{\"kids\": [12]}", null, 400, "INVALID_CLEAR_KEY_REQUEST"),
		bad("requestClearKeyLicense", CLEAR_KEY_TOKEN, "POST", "/api/v1/clearkey/license", "{\"kids\": [\"AAAA\"]}", null, 400, "INVALID_CLEAR_KEY_REQUEST"),
		bad("requestClearKeyLicense", CLEAR_KEY_TOKEN, "POST", "/api/v1/clearkey/license", "{\"kids\": [\"not base64!\"]}", null, 400, "INVALID_CLEAR_KEY_REQUEST"),
		bad("requestClearKeyLicense", CLEAR_KEY_TOKEN, "POST", "/api/v1/clearkey/license", "{\"kids\": [\"AAAAAAAAAAAAAAAAAAAAAA\"], \"type\": \"forever\"}", null, 400, "INVALID_CLEAR_KEY_REQUEST"),
		bad("requestClearKeyLicense", CLEAR_KEY_TOKEN, "POST", "/api/v1/clearkey/license", "{\"kids\": [\"AAAAAAAAAAAAAAAAAAAAAA\"], \"type\": 1}", null, 400, "INVALID_CLEAR_KEY_REQUEST"),
		bad("requestClearKeyLicense", CLEAR_KEY_TOKEN, "POST", "/api/v1/clearkey/license", "{\"kids\": [", null, 400, "INVALID_CLEAR_KEY_REQUEST"),
		bad("joinDeviceGroup", DEVICE_GARBAGE, "POST", "/device/v1/device-groups/missing/members", null, null, 400, "INVALID_DEVICE_REQUEST"),
		bad("leaveDeviceGroup", NOBODY, "DELETE", "/device/v1/device-groups/missing/members/" + "A".repeat(43), null, null, 400, "INVALID_DEVICE_REQUEST"),
		bad("getDeviceGroupCredential", DEVICE_GARBAGE, "GET", "/device/v1/device-groups/missing/credential", null, null, 400, "INVALID_DEVICE_REQUEST"),
		bad("getDeviceGroupBundle", NOBODY, "GET", "/device/v1/device-groups/missing/licenses", null, null, 404, "GROUP_NOT_FOUND"),
		bad("getJob", PROVIDER, "GET", "/api/v1/jobs/00000000-0000-0000-0000-000000000000", null, null, 404, "JOB_NOT_FOUND"),
		bad("exportBundles", ADMIN, "POST", "/api/v1/admin/bundle-exports?dry_run=maybe", null, null, 400, "MALFORMED_REQUEST"),
		bad("listAuditEvents", ADMIN, "GET", "/api/v1/admin/audit-events?outcome=MAYBE", null, null, 400, "VALIDATION_FAILED"),
		bad("getDashboard", ADMIN, "GET", "/api/v1/admin/dashboard?hours=0", null, null, 400, "VALIDATION_FAILED"),
		bad("listDeviceRevocations", ADMIN, "GET", "/api/v1/admin/device-revocations?size=0", null, null, 400, "INVALID_PAGE_REQUEST"),
		bad("listDeviceRevocations", ADMIN, "GET", "/api/v1/admin/device-revocations?page=-1", null, null, 400, "INVALID_PAGE_REQUEST"),
		bad("getDashboard", ADMIN, "GET", "/api/v1/admin/dashboard?hours=721", null, null, 400, "VALIDATION_FAILED"),
		bad("getDashboard", ADMIN, "GET", "/api/v1/admin/dashboard?hours=a-week", null, null, 400, "MALFORMED_REQUEST"),
		bad("getDashboard", ADMIN, "GET", "/api/v1/admin/dashboard?provider=missing", null, null, 404, "PROVIDER_NOT_FOUND"),
		bad("listAuditEvents", ADMIN, "GET", "/api/v1/admin/audit-events?from=yesterday", null, null, 400, "VALIDATION_FAILED"),
		bad("listAuditEvents", ADMIN, "GET", "/api/v1/admin/audit-events?provider=missing", null, null, 404, "PROVIDER_NOT_FOUND"),
		bad("verifyAuditTrail", ADMIN, "GET", "/api/v1/admin/audit-events/verification", null, "application/xml", 406, "NOT_ACCEPTABLE"),
		bad("getAuditEvent", ADMIN, "GET", "/api/v1/admin/audit-events/9223372036854775807", null, null, 404, "NOT_FOUND"),
		bad("getAuditEvent", ADMIN, "GET", "/api/v1/admin/audit-events/first", null, null, 400, "MALFORMED_REQUEST"),
		bad("listPolicies", PROVIDER, "GET", "/api/v1/policies?q=" + "x".repeat(201), null, null, 400, "VALIDATION_FAILED"),
		bad("listContents", PROVIDER, "GET", "/api/v1/contents?q=" + "x".repeat(201), null, null, 400, "VALIDATION_FAILED"),
		bad("listProviders", ADMIN, "GET", "/api/v1/admin/providers?q=" + "x".repeat(201), null, null, 400, "VALIDATION_FAILED"),
		bad("listDeviceGroups", PROVIDER, "GET", "/api/v1/device-groups?q=" + "x".repeat(201), null, null, 400, "VALIDATION_FAILED"),
		bad("createTrustRoot", ADMIN, "POST", "/api/v1/admin/trust-roots", "{}", null, 400, "INVALID_TRUST_ROOT"),
		bad("createTrustRoot", ADMIN, "POST", "/api/v1/admin/trust-roots", "{\"certificate_pem\": \"-----BEGIN CERTIFICATE-----\\nAAAA\\n-----END CERTIFICATE-----\", \"label\": \"x\"}", null, 400, "INVALID_TRUST_ROOT"),
		bad("createTrustRoot", ADMIN, "POST", "/api/v1/admin/trust-roots", "{\"certificate_pem\": 12, \"label\": []}", null, 400, "MALFORMED_REQUEST"),
		bad("listTrustRoots", ADMIN, "GET", "/api/v1/admin/trust-roots?page=-1", null, null, 400, "INVALID_PAGE_REQUEST"),
		bad("deleteTrustRoot", ADMIN, "DELETE", "/api/v1/admin/trust-roots/" + "A".repeat(43), null, null, 404, "TRUST_ROOT_NOT_FOUND"),
		bad("deleteAdminUser", ADMIN, "DELETE", "/api/v1/admin/users/missing", null, null, 404, "NOT_FOUND"),
		bad("deleteAdminUser", ADMIN, "DELETE", "/api/v1/admin/users/root", null, null, 409, "OWN_ACCOUNT"),
		bad("disableAdminUser", ADMIN, "POST", "/api/v1/admin/users/missing/disable", null, null, 404, "NOT_FOUND"),
		bad("disableAdminUser", ADMIN, "POST", "/api/v1/admin/users/Root/disable", null, null, 409, "OWN_ACCOUNT"),
		bad("disableAdminUser", SESSION, "POST", "/api/v1/admin/users/root/disable", null, null, 403, "CSRF_TOKEN_INVALID"),
		bad("enableAdminUser", ADMIN, "POST", "/api/v1/admin/users/missing/enable", null, null, 404, "NOT_FOUND"),
		bad("enableAdminUser", NOBODY, "POST", "/api/v1/admin/users/root/enable", null, null, 401, "UNAUTHORIZED"),
		bad("changeAdminUserRole", ADMIN, "PUT", "/api/v1/admin/users/missing/role", "{\"role\": \"AUDITOR\"}", null, 404, "NOT_FOUND"),
		bad("changeAdminUserRole", ADMIN, "PUT", "/api/v1/admin/users/root/role", "{\"role\": \"AUDITOR\"}", null, 409, "OWN_ACCOUNT"),
		bad("changeAdminUserRole", ADMIN, "PUT", "/api/v1/admin/users/root/role", "{\"role\": \"GOD\"}", null, 400, "MALFORMED_REQUEST"),
		bad("changeAdminUserRole", ADMIN, "PUT", "/api/v1/admin/users/root/role", "{\"role\": \"PROVIDER\", \"provider\": \"catalogue\"}", null, 400, "MALFORMED_REQUEST"),
		bad("changeAdminUserRole", ADMIN, "PUT", "/api/v1/admin/users/root/role", "{}", null, 400, "VALIDATION_FAILED"),
		bad("changeAdminUserRole", ADMIN, "PUT", "/api/v1/admin/users/root/role", "{\"role\": null}", null, 400, "VALIDATION_FAILED"),
		bad("updateProvider", ADMIN, "PATCH", "/api/v1/admin/providers/missing", "{\"display_name\": \"x\"}", null, 404, "PROVIDER_NOT_FOUND"),
		bad("updateProvider", ADMIN, "PATCH", "/api/v1/admin/providers/catalogue", "{\"display_name\": \"\"}", null, 400, "VALIDATION_FAILED"),
		bad("updateProvider", ADMIN, "PATCH", "/api/v1/admin/providers/catalogue", "{\"display_name\": \"" + "x".repeat(201) + "\"}", null, 400, "VALIDATION_FAILED"),
		bad("updateProvider", ADMIN, "PATCH", "/api/v1/admin/providers/catalogue", "{\"disabled\": \"yes\"}", null, 400, "MALFORMED_REQUEST"),
		bad("updateProvider", ADMIN, "PATCH", "/api/v1/admin/providers/catalogue", "{\"name\": \"renamed\"}", null, 400, "MALFORMED_REQUEST"),
		bad("updateProvider", ADMIN, "PATCH", "/api/v1/admin/providers/catalogue", "[1]", null, 400, "MALFORMED_REQUEST"),
		bad("updateProvider", PROVIDER, "PATCH", "/api/v1/admin/providers/catalogue", "{\"disabled\": true}", null, 403, "FORBIDDEN"),
		bad("updateProvider", SESSION, "PATCH", "/api/v1/admin/providers/catalogue", "{\"disabled\": true}", null, 403, "CSRF_TOKEN_INVALID"),
		bad("resetAdminUserPassword", ADMIN, "POST", "/api/v1/admin/users/missing/password", "{\"new_password\": \"long enough password\"}", null, 404, "NOT_FOUND"),
		bad("resetAdminUserPassword", ADMIN, "POST", "/api/v1/admin/users/Root/password", "{\"new_password\": \"long enough password\"}", null, 409, "CONFLICT"),
		bad("resetAdminUserPassword", ADMIN, "POST", "/api/v1/admin/users/root/password", "{}", null, 400, "VALIDATION_FAILED"),
		bad("getCurrentAdminUser", ADMIN, "GET", "/api/v1/admin/me", null, "application/xml", 406, "NOT_ACCEPTABLE"),
		bad("createAdminSession", NOBODY, "POST", "/api/v1/admin/session", "{\"username\": \"root\", \"password\": \"wrong password\"}", null, 401, "UNAUTHORIZED"),
		bad("createAdminSession", NOBODY, "POST", "/api/v1/admin/session", "{\"username\": \"nobody-here\", \"password\": \"" + PASSWORD + "\"}", null, 401, "UNAUTHORIZED"),
		bad("createAdminSession", NOBODY, "POST", "/api/v1/admin/session", "{\"username\": \"root\"}", null, 400, "VALIDATION_FAILED"),
		bad("createAdminSession", NOBODY, "POST", "/api/v1/admin/session", "username=root&password=x", "application/x-www-form-urlencoded", 415, "UNSUPPORTED_MEDIA_TYPE"),
		bad("deleteAdminSession", SESSION, "DELETE", "/api/v1/admin/session", null, null, 403, "CSRF_TOKEN_INVALID"),
		bad("createProvider", SESSION, "POST", "/api/v1/admin/providers", "{\"name\": \"csrf\", \"display_name\": \"x\"}", null, 403, "CSRF_TOKEN_INVALID"),
		bad("listCorsOrigins", ADMIN, "GET", "/api/v1/cors-origins", null, null, 400, "PROVIDER_REQUIRED"),
		bad("listCorsOrigins", ADMIN, "GET", "/api/v1/cors-origins?provider=missing", null, null, 404, "PROVIDER_NOT_FOUND"),
		bad("replaceCorsOrigins", PROVIDER, "PUT", "/api/v1/cors-origins", "{}", null, 400, "INVALID_CORS_ORIGIN"),
		bad("replaceCorsOrigins", PROVIDER, "PUT", "/api/v1/cors-origins", "{\"origins\": \"https://a.example\"}", null, 400, "MALFORMED_REQUEST"),
		bad("replaceCorsOrigins", PROVIDER, "PUT", "/api/v1/cors-origins", "{\"origins\": [\"https://ok.example\", \"https://*.example.com\"]}", null, 400, "INVALID_CORS_ORIGIN"),
		bad("replaceCorsOrigins", PROVIDER, "PUT", "/api/v1/cors-origins", "{\"origins\": [\"https://player.example/app\"]}", null, 400, "INVALID_CORS_ORIGIN"),
		bad("replaceCorsOrigins", PROVIDER, "PUT", "/api/v1/cors-origins", "{\"origins\": [\"ftp://player.example\"]}", null, 400, "INVALID_CORS_ORIGIN"),
		bad("replaceCorsOrigins", PROVIDER, "PUT", "/api/v1/cors-origins", "{\"origins\": [null]}", null, 400, "MALFORMED_REQUEST"),
		bad("changeOwnPassword", ADMIN, "POST", "/api/v1/admin/me/password", "{\"current_password\": \"wrong\", \"new_password\": \"another long password\"}", null, 400, "VALIDATION_FAILED"),
		bad("changeOwnPassword", ADMIN, "POST", "/api/v1/admin/me/password", "{\"current_password\": \"" + PASSWORD + "\", \"new_password\": \"short\"}", null, 400, "WEAK_PASSWORD"),
		bad("changeOwnPassword", ADMIN, "POST", "/api/v1/admin/me/password", "{\"current_password\": \"" + PASSWORD + "\", \"new_password\": \"rootrootroot\"}", null, 400, "WEAK_PASSWORD"),
		bad("changeOwnPassword", ADMIN, "POST", "/api/v1/admin/me/password", "{\"current_password\": \"" + PASSWORD + "\", \"new_password\": \"abcdefghijklmnop\"}", null, 400, "WEAK_PASSWORD"),
		bad("changeOwnPassword", ADMIN, "POST", "/api/v1/admin/me/password", "{\"current_password\": \"" + PASSWORD + "\", \"new_password\": \"" + "x1".repeat(101) + "\"}", null, 400, "VALIDATION_FAILED"),
		bad("listPolicies", PROVIDER, "GET", "/api/v1/policies?page=2147483647", null, null, 400, "INVALID_PAGE_REQUEST"),
		bad("listContents", PROVIDER, "GET", "/api/v1/contents?page=2147483647", null, null, 400, "INVALID_PAGE_REQUEST"),
		bad("listIssuedLicenses", PROVIDER, "GET", "/api/v1/licenses?page=2147483647", null, null, 400, "INVALID_PAGE_REQUEST"),
		bad("listEntitlements", PROVIDER, "GET", "/api/v1/entitlements?page=2147483647", null, null, 400, "INVALID_PAGE_REQUEST"),
		bad("listRegistrations", PROVIDER, "GET", "/api/v1/registrations?page=2147483647", null, null, 400, "INVALID_PAGE_REQUEST"),
		bad("listDeviceGroups", PROVIDER, "GET", "/api/v1/device-groups?page=2147483647", null, null, 400, "INVALID_PAGE_REQUEST"),
		bad("listEntitlementTokenKeys", PROVIDER, "GET", "/api/v1/entitlement-token-keys?page=2147483647", null, null, 400, "INVALID_PAGE_REQUEST"),
		bad("listJobs", PROVIDER, "GET", "/api/v1/jobs?page=2147483647", null, null, 400, "INVALID_PAGE_REQUEST"),
		bad("listProviders", ADMIN, "GET", "/api/v1/admin/providers?page=2147483647", null, null, 400, "INVALID_PAGE_REQUEST"),
		bad("listAdminUsers", ADMIN, "GET", "/api/v1/admin/users?page=2147483647", null, null, 400, "INVALID_PAGE_REQUEST"),
		bad("listTrustRoots", ADMIN, "GET", "/api/v1/admin/trust-roots?page=2147483647", null, null, 400, "INVALID_PAGE_REQUEST"),
		bad("listAuditEvents", ADMIN, "GET", "/api/v1/admin/audit-events?page=2147483647", null, null, 400, "INVALID_PAGE_REQUEST"),
		bad("listDeviceRevocations", ADMIN, "GET", "/api/v1/admin/device-revocations?page=2147483647", null, null, 400, "INVALID_PAGE_REQUEST"),
		bad("listPolicies", PROVIDER, "GET", "/api/v1/policies?page=10737418&size=200", null, null, 400, "INVALID_PAGE_REQUEST"),
		bad("createProvider", ADMIN, "POST", "/api/v1/admin/providers", "{\"name\": \"nul-provider\", \"display_name\": \"Nul\\u0000Provider\"}", null, 400, "MALFORMED_REQUEST"),
		bad("createProviderCredential", ADMIN, "POST", "/api/v1/admin/providers/catalogue/credentials", "{\"label\": \"label\\u0000\"}", null, 400, "MALFORMED_REQUEST"),
		bad("createDeviceGroup", PROVIDER, "POST", "/api/v1/device-groups", "{\"name\": \"family\\u0000\", \"max_members\": 4}", null, 400, "MALFORMED_REQUEST"),
		bad("revokeDevice", ADMIN, "POST", "/api/v1/devices/" + "A".repeat(43) + "/revoke", "{\"reason\": \"cloned\\u0000\"}", null, 400, "MALFORMED_REQUEST"),
		bad("createAdminUser", ADMIN, "POST", "/api/v1/admin/users", "{\"username\": \"u\\u0000\", \"role\": \"AUDITOR\", \"initial_password\": \"long enough password\"}", null, 400, "MALFORMED_REQUEST"),
		bad("createTrustRoot", ADMIN, "POST", "/api/v1/admin/trust-roots", "{\"certificate_pem\": \"x\", \"label\": \"root\\u0000\"}", null, 400, "MALFORMED_REQUEST"),
		bad("createContent", PROVIDER, "POST", "/api/v1/contents", "{\"content_id\": \"c\\u0000\", \"keys\": [{\"track_type\": \"SD\"}]}", null, 400, "MALFORMED_REQUEST"),
		bad("createPolicy", PROVIDER, "POST", "/api/v1/policies", "{\"name\": \"p\", \"renewal_server_url\": \"https://a.example/\\u0000\"}", null, 400, "MALFORMED_REQUEST"),
		bad("grantEntitlement", PROVIDER, "POST", "/api/v1/entitlements", "{\"generated_id\": \"" + GENERATED_ID + "\\u0000\", \"content_id\": \"existing-content\", \"policy_name\": \"existing\"}", null, 400, "MALFORMED_REQUEST"),
		bad("createEntitlementTokenKey", PROVIDER, "POST", "/api/v1/entitlement-token-keys", "{\"algorithm\": \"HS256\", \"kid\": \"k\\u0000\"}", null, 400, "MALFORMED_REQUEST"),
		bad("replaceCorsOrigins", PROVIDER, "PUT", "/api/v1/cors-origins", "{\"origins\": [\"https://a.example\\u0000\"]}", null, 400, "MALFORMED_REQUEST"),
		bad("createProvider", ADMIN, "POST", "/api/v1/admin/providers", "{\"name\": \"esc-provider\", \"display_name\": \"Esc\\u001bProvider\"}", null, 400, "MALFORMED_REQUEST"),
		bad("createProvider", ADMIN, "POST", "/api/v1/admin/providers", "{\"name\": \"c1-provider\", \"display_name\": \"C1\\u0085Provider\"}", null, 400, "MALFORMED_REQUEST"),
		bad("listRegistrations", PROVIDER, "GET", "/api/v1/registrations?q=a%00b", null, null, 400, "REQUEST_REJECTED"),
		bad("listAuditEvents", ADMIN, "GET", "/api/v1/admin/audit-events?provider=%00", null, null, 400, "REQUEST_REJECTED"),
		bad("createContent", PROVIDER, "POST", "/api/v1/contents", "{\"content_id\": \"c1\", \"keys\": [null]}", null, 400, "MALFORMED_REQUEST"),
		bad("rotateContentKeys", PROVIDER, "POST", "/api/v1/contents/existing-content/keys", "{\"keys\": [null]}", null, 400, "MALFORMED_REQUEST"),
		bad("exportContentKeys", PACKAGER, "POST", "/api/v1/contents/existing-content/keys/export", "{\"key_ids\": [null]}", null, 400, "MALFORMED_REQUEST"),
		bad("exportContentKeys", PACKAGER, "POST", "/api/v1/contents/existing-content/keys/export", "{\"key_ids\": [\"" + KNOWN_KEY_ID + "\", null]}", null, 400, "MALFORMED_REQUEST"),
		bad("createPolicy", PROVIDER, "POST", "/api/v1/policies", "{\"name\": \"p\", \"can_play\": 12345}", null, 400, "MALFORMED_REQUEST"),
		bad("createPolicy", PROVIDER, "POST", "/api/v1/policies", "{\"name\": \"p\", \"can_play\": \"true\"}", null, 400, "MALFORMED_REQUEST"),
		bad("createPolicy", PROVIDER, "POST", "/api/v1/policies", "{\"name\": \"p\", \"license_duration_seconds\": \"3600\"}", null, 400, "MALFORMED_REQUEST"),
		bad("createPolicy", PROVIDER, "POST", "/api/v1/policies", "{\"name\": \"p\", \"license_duration_seconds\": 3600.5}", null, 400, "MALFORMED_REQUEST"),
		bad("replacePolicy", PROVIDER, "PUT", "/api/v1/policies/existing", "{\"can_persist\": 0}", null, 400, "MALFORMED_REQUEST"),
		bad("createDeviceGroup", PROVIDER, "POST", "/api/v1/device-groups", "{\"name\": \"f\", \"max_members\": 1.5}", null, 400, "MALFORMED_REQUEST"),
		bad("createDeviceGroup", PROVIDER, "POST", "/api/v1/device-groups", "{\"name\": \"f\", \"max_members\": \"4\"}", null, 400, "MALFORMED_REQUEST"),
		bad("createDeviceGroup", PROVIDER, "POST", "/api/v1/device-groups", "{\"name\": 12, \"max_members\": 4}", null, 400, "MALFORMED_REQUEST"),
		bad("createProvider", ADMIN, "POST", "/api/v1/admin/providers", "{\"name\": \"num-provider\", \"display_name\": true}", null, 400, "MALFORMED_REQUEST"),
		bad("registerDevice", NOBODY, "POST", "/device/v1/registrations", registration(new BigInteger("9223372036854775808"), null), null, 400, "INVALID_REGISTRATION"),
		bad("registerDevice", NOBODY, "POST", "/device/v1/registrations", registration(1e30, null), null, 400, "INVALID_REGISTRATION"),
		bad("registerDevice", NOBODY, "POST", "/device/v1/registrations", registration(-(1L << 62), null), null, 400, "INVALID_REGISTRATION"),
		bad("registerDevice", NOBODY, "POST", "/device/v1/registrations", registration(null, "[]"), null, 400, "INVALID_REGISTRATION"),
		bad("registerDevice", NOBODY, "POST", "/device/v1/registrations", registration(null, "null"), null, 400, "INVALID_REGISTRATION"),
		bad("getDeviceGroupCredential", DEVICE_IAT_2_63, "GET", "/device/v1/device-groups/grp_catalogue/credential", null, null, 400, "INVALID_DEVICE_REQUEST"),
		bad("getDeviceGroupCredential", DEVICE_IAT_1E30, "GET", "/device/v1/device-groups/grp_catalogue/credential", null, null, 400, "INVALID_DEVICE_REQUEST"),
		bad("getDeviceGroupCredential", DEVICE_IAT_MINUS_2_62, "GET", "/device/v1/device-groups/grp_catalogue/credential", null, null, 400, "INVALID_DEVICE_REQUEST"),
		bad("createProvider", SESSION, "POST", "/api/v1/admin/providers?_csrf=" + XSRF, "{\"name\": \"csrf-query\", \"display_name\": \"x\"}", null, 403, "CSRF_TOKEN_INVALID"));
	// @formatter:on

	static Case bad(String operationId, String caller, String method, String path, String body, String accept,
			int status, String code) {
		return new Case(operationId, caller, method, path, body, accept, status, code);
	}

	/** A CPIX request for one kid, with one DRM system when given. */
	static String cpix(String contentId, String kid, String systemId) {
		return "<cpix:CPIX xmlns:cpix=\"urn:dashif:org:cpix\" contentId=\"" + contentId + "\"><cpix:ContentKeyList>"
				+ "<cpix:ContentKey kid=\"" + kid + "\"/></cpix:ContentKeyList>"
				+ ((systemId != null) ? "<cpix:DRMSystemList><cpix:DRMSystem kid=\"" + kid + "\" systemId=\"" + systemId
						+ "\"/></cpix:DRMSystemList>" : "")
				+ "</cpix:CPIX>";
	}

	static Stream<Case> cases() {
		return CASES.stream();
	}

	/**
	 * A registration body, validly signed by {@link #DEVICE}, with this {@code iat} and
	 * {@code crit}.
	 */
	static String registration(Object iat, String crit) {
		Map<String, Object> claims = new LinkedHashMap<>(
				RegistrationRequest.of(new GeneratedId(GENERATED_ID), "catalogue", Clock.systemUTC()).toClaims());
		if (iat != null) {
			claims.put("iat", iat);
		}
		return "{\"registration\": \"" + signed(RegistrationRequest.TYPE, claims, crit) + "\"}";
	}

	/**
	 * A group request for the credential, validly signed by {@link #DEVICE}, with this
	 * {@code iat}.
	 */
	static String groupRequest(Object iat) {
		Map<String, Object> claims = new LinkedHashMap<>(
				GroupRequest.of(GroupRequest.Action.CREDENTIAL, new GroupId("grp_catalogue"), null, Clock.systemUTC())
					.toClaims());
		claims.put("iat", iat);
		return signed(GroupRequest.TYPE, claims, null);
	}

	/**
	 * Signs claims with {@link #DEVICE}'s key under a header written by hand, so that the
	 * header and claims can hold what no well-behaved client writes.
	 */
	private static String signed(String type, Map<String, Object> claims, String crit) {
		String x5c = String.join(",",
				Jose.encodeChain(DEVICE.certificate().chain())
					.stream()
					.map((certificate) -> "\"" + certificate + "\"")
					.toList());
		String header = "{\"alg\":\"ES256\",\"typ\":\"" + type + "\"" + ((crit != null) ? ",\"crit\":" + crit : "")
				+ ",\"x5c\":[" + x5c + "]}";
		java.util.Base64.Encoder base64 = java.util.Base64.getUrlEncoder().withoutPadding();
		String input = base64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
				+ base64.encodeToString(JSONObjectUtils.toJSONString(claims).getBytes(StandardCharsets.UTF_8));
		try {
			return input + "." + Jose.signer(PrivateKeys.of(DEVICE.identity()))
				.sign(JWSHeader.parse(header), input.getBytes(StandardCharsets.US_ASCII));
		}
		catch (JOSEException | java.text.ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@DynamicPropertySource
	static void trustManufacturer(DynamicPropertyRegistry registry) {
		TrustedManufacturer.trust(registry, MANUFACTURER);
	}

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	HttpTester http;

	final Map<String, String> authorization = new LinkedHashMap<>();

	final Map<String, String> cookies = new LinkedHashMap<>();

	/** The console session's CSRF token. */
	String xsrf;

	/** The row count of every table once the fixture is in place. */
	Map<String, Long> before;

	@BeforeAll
	void fixture() {
		this.http = new HttpTester(this.port);
		String admin = "Basic "
				+ Base64.getEncoder().encodeToString(("root:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
		this.authorization.put(ADMIN, admin);
		this.authorization.put(DEVICE_GARBAGE, "Device not.a.jws");
		this.authorization.put(CLEAR_KEY_GARBAGE, "Bearer not.a.jws");
		HttpResponse<String> signIn = this.http.request("POST", "/api/v1/admin/session")
			.json("{\"username\": \"root\", \"password\": \"" + PASSWORD + "\"}")
			.send();
		this.cookies.put(SESSION, String.join("; ",
				signIn.headers().allValues("Set-Cookie").stream().map((cookie) -> cookie.split(";", 2)[0]).toList()));
		this.xsrf = signIn.headers()
			.allValues("Set-Cookie")
			.stream()
			.map((cookie) -> cookie.split(";", 2)[0])
			.filter((cookie) -> cookie.startsWith("XSRF-TOKEN="))
			.map((cookie) -> cookie.substring("XSRF-TOKEN=".length()))
			.findFirst()
			.orElseThrow();
		this.authorization.put(DEVICE_IAT_2_63, "Device " + groupRequest(new BigInteger("9223372036854775808")));
		this.authorization.put(DEVICE_IAT_1E30, "Device " + groupRequest(1e30));
		this.authorization.put(DEVICE_IAT_MINUS_2_62, "Device " + groupRequest(-(1L << 62)));
		send(admin, "POST", "/api/v1/admin/providers", "{\"name\": \"catalogue\", \"display_name\": \"Catalogue\"}");
		String token = HttpTester
			.json(send(admin, "POST", "/api/v1/admin/providers/catalogue/credentials", "{\"label\": \"catalogue\"}"))
			.path("token")
			.asString();
		this.authorization.put(PROVIDER, "Bearer " + token);
		this.authorization.put(PACKAGER,
				"Bearer " + HttpTester
					.json(send(admin, "POST", "/api/v1/admin/providers/catalogue/credentials",
							"{\"label\": \"packager\", \"key_export\": true}"))
					.path("token")
					.asString());
		this.authorization.put(CLEAR_KEY_TOKEN, "Bearer " + clearKeyToken("Bearer " + token));
		send("Bearer " + token, "POST", "/api/v1/policies", "{\"name\": \"existing\"}");
		send("Bearer " + token, "POST", "/api/v1/policies", "{\"name\": \"in-use\", \"can_play\": true}");
		send("Bearer " + token, "POST", "/api/v1/contents", "{\"content_id\": \"existing-content\", \"keys\": "
				+ "[{\"track_type\": \"SD\", \"key_id\": \"" + KNOWN_KEY_ID + "\"}]}");
		send("Bearer " + token, "POST", "/api/v1/entitlements", "{\"generated_id\": \"" + GRANTED_ID
				+ "\", \"content_id\": \"existing-content\", \"policy_name\": \"in-use\"}");
		this.before = rowCounts();
	}

	/**
	 * A device-less entitlement token of the catalogue provider, signed with an HS256 key
	 * made through the provider API. Clear Key stays off for the provider.
	 */
	private String clearKeyToken(String credential) {
		JsonNode key = HttpTester.json(send(credential, "POST", "/api/v1/entitlement-token-keys",
				"{\"algorithm\": \"HS256\", \"kid\": \"catalogue\"}"));
		java.time.Instant now = java.time.Instant.now();
		com.nimbusds.jwt.JWTClaimsSet claims = new com.nimbusds.jwt.JWTClaimsSet.Builder().issuer("catalogue")
			.audience("voucher")
			.jwtID("catalogue-clear-key-token")
			.issueTime(java.util.Date.from(now))
			.expirationTime(java.util.Date.from(now.plusSeconds(3000)))
			.claim("cid", "existing-content")
			.claim("policy_name", "in-use")
			.build();
		com.nimbusds.jwt.SignedJWT jwt = new com.nimbusds.jwt.SignedJWT(
				new JWSHeader.Builder(com.nimbusds.jose.JWSAlgorithm.HS256).keyID("catalogue").build(), claims);
		try {
			jwt.sign(new com.nimbusds.jose.crypto.MACSigner(
					java.util.Base64.getUrlDecoder().decode(key.path("secret").asString())));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

	@Test
	void everyOperationHasAtLeastOneBadInputCase() {
		JsonNode paths = HttpTester.json(this.http.request("GET", "/v3/api-docs").timeout(Duration.ofMinutes(3)).send())
			.path("paths");
		Set<String> documented = new TreeSet<>();
		for (String path : paths.propertyNames()) {
			for (String method : paths.path(path).propertyNames()) {
				documented.add(paths.path(path).path(method).path("operationId").asString());
			}
		}
		Set<String> covered = new TreeSet<>(CASES.stream().map(Case::operationId).toList());

		assertThat(covered).as("operations with a bad-input case").containsAll(documented);
		assertThat(documented).as("cases naming no documented operation").containsAll(covered);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void badInputGetsItsProblem(Case bad) {
		HttpTester.Request request = this.http.request(bad.method(), bad.path().replace(XSRF, this.xsrf));
		String authorization = this.authorization.get(bad.caller());
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		if (this.cookies.containsKey(bad.caller())) {
			request.header("Cookie", this.cookies.get(bad.caller()));
		}
		if (bad.accept() != null && bad.body() == null) {
			request.header("Accept", bad.accept());
		}
		if (bad.body() != null) {
			request.body((bad.accept() != null) ? bad.accept() : "application/json", bad.body());
		}
		HttpResponse<String> response = request.send();
		String contentType = response.headers().firstValue("Content-Type").orElse("");
		String code = contentType.startsWith("application/problem+json")
				? HttpTester.json(response).path("code").asString() : "(not a problem: " + contentType + ")";

		assertThat(response.statusCode() + " " + code).as(response.body()).isEqualTo(bad.status() + " " + bad.code());
		assertThat(response.body()).doesNotContain("Exception");
	}

	@AfterAll
	void nothingWasStored() {
		assertThat(rowCounts()).isEqualTo(this.before);
	}

	private Map<String, Long> rowCounts() {
		Map<String, Long> counts = new LinkedHashMap<>();
		// The audit trail records refused calls too, by design, and failed sign-ins are
		// counted: those are the tables that grow.
		for (String table : this.jdbc.queryForList("SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
				+ "AND tablename NOT IN ('flyway_schema_history', 'audit_event', 'sign_in_throttle') "
				+ "ORDER BY tablename", String.class)) {
			counts.put(table, this.jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class));
		}
		return counts;
	}

	private HttpResponse<String> send(String authorization, String method, String path, String body) {
		HttpResponse<String> response = this.http.request(method, path)
			.header("Authorization", authorization)
			.json(body)
			.send();
		assertThat(response.statusCode()).as(path + " " + response.body()).isBetween(200, 299);
		return response;
	}

	private static String abbreviate(String body) {
		if (body == null) {
			return "";
		}
		return (body.length() > 80) ? body.substring(0, 80).toLowerCase(Locale.ROOT) + "…" : body;
	}

	record Case(String operationId, String caller, String method, String path, String body, String accept, int status,
			String code) {

		@Override
		public String toString() {
			return this.operationId + ": " + this.caller + " " + this.method + " " + this.path + " "
					+ abbreviate(this.body) + " -> " + this.status + " " + this.code;
		}

	}

}
