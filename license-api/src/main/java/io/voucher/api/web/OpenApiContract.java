package io.voucher.api.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.voucher.api.license.AllowedTrackTypes;
import io.voucher.crypto.challenge.RequestType;
import io.voucher.crypto.pki.HdcpVersion;
import io.voucher.crypto.voucher.LicenseType;
import io.voucher.crypto.voucher.TrackType;
import io.voucher.domain.audit.AuditEvent;
import io.voucher.domain.entitlement.EntitlementService;
import io.voucher.domain.jobs.Job;
import io.voucher.domain.token.EntitlementTokenAlgorithm;
import io.voucher.domain.token.EntitlementTokenKeyService;
import io.voucher.registry.registration.RegistrationService;
import io.voucher.registry.registration.RegistrationStatus;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.http.HttpHeaders;

/**
 * Makes the served OpenAPI description a contract that generated SDKs can rely on: how
 * each kind of caller authenticates, the RFC 9457 problem answers each operation can
 * give, the success codes that controllers answer through {@code ResponseEntity}, named
 * enums, paging bounds and sortable fields, and which members are always present. Rules
 * that hold for many operations live here once instead of on every controller method.
 */
final class OpenApiContract implements OpenApiCustomizer {

	/** Admin users (ADMIN, OPERATOR, AUDITOR) with HTTP Basic. */
	static final String ADMIN_BASIC = "adminBasic";

	/** The admin console's session cookie, after {@code POST /api/v1/admin/session}. */
	static final String CONSOLE_SESSION = "consoleSession";

	/** A provider backend's API credential. */
	static final String PROVIDER_BEARER = "providerBearer";

	/** A device's signed request in the {@code Authorization} header. */
	static final String DEVICE_SIGNATURE = "deviceSignature";

	/** A provider's entitlement token, for the Clear Key license endpoint. */
	static final String ENTITLEMENT_TOKEN = "entitlementToken";

	/** The Clear Key endpoints: authorized by an entitlement token. */
	static final String CLEAR_KEY = "/api/v1/clearkey/";

	static final String PROBLEM_JSON = "application/problem+json";

	static final String JSON = "application/json";

	/** The sortable fields of each list, by operation id. */
	static final Map<String, List<String>> SORTABLE = Map.of("listProviders", List.of("name", "created_at"),
			"listAdminUsers", List.of("username", "created_at"), "listPolicies",
			List.of("name", "created_at", "updated_at"), "listContents", List.of("content_id", "created_at"),
			"listEntitlementTokenKeys", sorted(EntitlementTokenKeyService.SORTABLE), "listEntitlements",
			sorted(EntitlementService.SORTABLE), "listIssuedLicenses",
			List.of("issued_at", "expires_at", "content_id", "license_id"), "listRegistrations",
			sorted(RegistrationService.SORTABLE.keySet()));

	/**
	 * Success answers that controllers give through {@code ResponseEntity} and that the
	 * method signature cannot show: status → description, by operation id. A status
	 * listed here replaces the default {@code 200} when the operation has no 200 of its
	 * own.
	 */
	static final Map<String, Map<String, String>> SUCCESS = Map.of("createProviderCredential",
			Map.of("201", "The credential; its token is in this answer only"), "rotateProviderCredential",
			Map.of("201", "The new credential; its token is in this answer only"), "exportBundles",
			Map.of("202", "The export job is queued; follow it at the Location header's job", "200",
					"dry_run=true: what an export would write and delete; nothing is queued"),
			"registerDevice",
			Map.of("201", "Registered", "200", "The same generated ID and certificate were registered before"),
			"getLicenseBundle", Map.of("304", "The bundle has not changed since the If-None-Match ETag"),
			"getDeviceGroupBundle", Map.of("304", "The bundle has not changed since the If-None-Match ETag"),
			"getRevocationList", Map.of("304", "The list has not changed since the If-None-Match ETag"));

	/**
	 * Errors an operation can answer beyond the rules of {@link #errorStatuses}, by
	 * operation id.
	 */
	static final Map<String, Set<Integer>> EXTRA_ERRORS = Map.of("createAdminSession", Set.of(401, 403),
			"requestLicense", Set.of(404, 409, 410), "requestDeviceLicense", Set.of(403, 404, 409, 410),
			"registerDevice", Set.of(403, 404, 409, 410), "individualizeDevice", Set.of(403, 409), "getLicenseBundle",
			Set.of(403));

	/** Shared answers: status → component response name, description. */
	private static final Map<Integer, String[]> PROBLEMS = new TreeMap<>(Map.ofEntries(Map
		.entry(400, new String[] { "BadRequest",
				"The request is malformed or invalid (MALFORMED_REQUEST, VALIDATION_FAILED, INVALID_PAGE_REQUEST or "
						+ "an operation-specific code); `errors` lists invalid fields where there are any" }),
			Map.entry(401, new String[] { "Unauthorized", "No credential, or one that is not valid (UNAUTHORIZED)" }),
			Map.entry(403, new String[] { "Forbidden",
					"The caller may not do this (FORBIDDEN, PASSWORD_CHANGE_REQUIRED, CSRF_TOKEN_INVALID, or an "
							+ "operation-specific code such as DEVICE_REVOKED, DEVICE_KEY_REVOKED, DEVICE_BLOCKED or "
							+ "DEVICE_NOT_ADMITTED)" }),
			Map.entry(404, new String[] { "NotFound", "No such resource for this caller (a *_NOT_FOUND code)" }),
			Map.entry(406, new String[] { "NotAcceptable", "No representation matches Accept (NOT_ACCEPTABLE)" }),
			Map.entry(409,
					new String[] { "Conflict",
							"The request conflicts with the current state (an *_EXISTS, *_IN_USE, *_REPLAYED or "
									+ "*_CONFLICT code)" }),
			Map.entry(410, new String[] { "Gone", "The resource ended (REGISTRATION_GONE, GROUP_GONE)" }),
			Map.entry(413, new String[] { "PayloadTooLarge", "The body is larger than allowed (PAYLOAD_TOO_LARGE)" }),
			Map.entry(415,
					new String[] { "UnsupportedMediaType",
							"The body's content type is not supported (UNSUPPORTED_MEDIA_TYPE)" }),
			Map.entry(429,
					new String[] { "TooManyRequests",
							"Too many requests (RATE_LIMITED), or too many failed sign-ins of this user or from "
									+ "this address (TOO_MANY_SIGN_IN_ATTEMPTS); Retry-After says when to try again" }),
			Map.entry(500,
					new String[] { "InternalError", "An unexpected error (INTERNAL_ERROR); the server log has it" }),
			Map.entry(503, new String[] { "ServiceUnavailable",
					"A dependency such as the database is down (SERVICE_UNAVAILABLE); retry after Retry-After" })));

	/** Paths whose requests are rate limited. */
	private static final List<String> RATE_LIMITED = List.of("/device/", "/api/v1/licenses", "/api/v1/admin/session",
			CLEAR_KEY);

	private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}]+)}");

	/** Descriptions of parameters that mean the same on every operation. */
	private static final Map<String, String> PARAMETERS = Map.ofEntries(Map.entry("page", "Index of the page, from 0"),
			Map.entry("size", "Items per page, 1 to " + PageRequests.MAX_SIZE),
			Map.entry("provider",
					"The provider to act for: required when an admin user calls a provider operation, ignored "
							+ "for a provider's own credential"),
			Map.entry("name", "The name"), Map.entry("contentId", "The content id (the plain string)"),
			Map.entry("fingerprint", "The device certificate's fingerprint: base64url(SHA-256(DER))"),
			Map.entry("generatedId", "The device's generated ID"), Map.entry("groupId", "The device group's id"),
			Map.entry("id", "The entitlement's id"), Map.entry("jobId", "The job's id"),
			Map.entry("kid", "The entitlement-token key's key id"),
			Map.entry("prefix", "The credential's prefix (the start of its token that is shown in lists)"),
			Map.entry("username", "The admin user's name"), Map.entry("actor", "Only events by this actor"),
			Map.entry("action", "Only events of this action"), Map.entry("outcome", "Only events with this outcome"),
			Map.entry("from", "Only events at or after this instant (RFC 3339)"),
			Map.entry("to", "Only events before this instant (RFC 3339)"),
			Map.entry("content_id", "Only items for this content id"),
			Map.entry("generated_id", "Only items for this generated ID"),
			Map.entry("group_id", "Only items for this device group"),
			Map.entry("include_withdrawn", "Also list withdrawn entitlements"),
			Map.entry("status", "Only items with this status"),
			Map.entry(HttpHeaders.IF_NONE_MATCH, "The ETag of the copy the caller has; 304 when unchanged"));

	/** Enum schemas by name, with their values. */
	private static final Map<String, List<String>> ENUMS = Map.ofEntries(
			Map.entry("TrackType", names(TrackType.values())), Map.entry("HdcpVersion", names(HdcpVersion.values())),
			Map.entry("LicenseType", names(LicenseType.values())),
			Map.entry("RequestType", names(RequestType.values())),
			Map.entry("RegistrationStatus", names(RegistrationStatus.values())),
			Map.entry("JobStatus", names(Job.JobStatus.values())),
			Map.entry("JobKind", List.of(RegistrationService.PREGENERATION, "BUNDLE_EXPORT")),
			Map.entry("AuditActorType", names(AuditEvent.ActorType.values())),
			Map.entry("AuditOutcome", names(AuditEvent.Outcome.values())),
			Map.entry("EntitlementTokenAlgorithm", names(EntitlementTokenAlgorithm.values())),
			Map.entry("AllowedTrackTypes", names(AllowedTrackTypes.values())),
			Map.entry("CertificateKeyAlgorithm", List.of("EC", "RSA")),
			Map.entry("ProblemCode", names(ProblemCode.values())));

	/**
	 * Schema properties (or operation parameters, as {@code operationId:name}) → enum.
	 */
	private static final Map<String, String> ENUM_USES = Map.ofEntries(
			Map.entry("AuditEvent.actor_type", "AuditActorType"), Map.entry("AuditEvent.outcome", "AuditOutcome"),
			Map.entry("CertificateDetails.key_algorithm", "CertificateKeyAlgorithm"),
			Map.entry("EntitlementRequest.license_type", "LicenseType"),
			Map.entry("Entitlement.license_type", "LicenseType"),
			Map.entry("EntitlementTokenKey.algorithm", "EntitlementTokenAlgorithm"),
			Map.entry("EntitlementTokenKeyRequest.algorithm", "EntitlementTokenAlgorithm"),
			Map.entry("IssuedLicense.license_type", "LicenseType"),
			Map.entry("IssuedLicense.request_type", "RequestType"), Map.entry("Job.kind", "JobKind"),
			Map.entry("Job.status", "JobStatus"), Map.entry("LicenseContentKeySpec.track_type", "TrackType"),
			Map.entry("LicenseMetadata.license_type", "LicenseType"),
			Map.entry("LicenseMetadata.request_type", "RequestType"), Map.entry("OutputProtection.hdcp", "HdcpVersion"),
			Map.entry("ParsedChallenge.license_type", "LicenseType"),
			Map.entry("ParsedChallenge.request_type", "RequestType"),
			Map.entry("Registration.status", "RegistrationStatus"), Map.entry("listJobs:status", "JobStatus"),
			Map.entry("listJobs:kind", "JobKind"), Map.entry("listAuditEvents:outcome", "AuditOutcome"),
			Map.entry("listRegistrations:status", "RegistrationStatus"));

	/**
	 * Free-form JSON members: one shared object schema stands for them all, so their
	 * descriptions are put back here.
	 */
	private static final Map<String, String> FREE_FORM = Map.of("DeviceTrust.signing_keys",
			"The license signing keys, a JWK set (RFC 7517): `keys` lists them", "IssuedLicense.policy",
			"The policy the license carries, as in its claims (license template field names)");

	/** Schemas renamed so that generators need not rename them (a reserved word). */
	private static final Map<String, String> RENAMES = Map.of("Break", "AuditTrailBreak");

	@Override
	public void customise(OpenAPI openApi) {
		Components components = (openApi.getComponents() != null) ? openApi.getComponents() : new Components();
		openApi.setComponents(components);
		RENAMES.forEach((from, to) -> rename(openApi, from, to));
		securitySchemes(components);
		problemSchemas(components);
		enums(openApi, components);
		FREE_FORM.forEach((member, description) -> {
			int dot = member.indexOf('.');
			Schema<?> owner = components.getSchemas().get(member.substring(0, dot));
			if (owner != null && owner.getProperties() != null
					&& owner.getProperties().containsKey(member.substring(dot + 1))) {
				owner.getProperties()
					.put(member.substring(dot + 1),
							new ObjectSchema().additionalProperties(Boolean.TRUE).description(description));
			}
		});
		if (openApi.getPaths() != null) {
			openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
				operation(path, method, operation);
			}));
		}
		required(openApi);
	}

	private static void securitySchemes(Components components) {
		components.addSecuritySchemes(ADMIN_BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP)
			.scheme("basic")
			.description("An admin user (ADMIN, OPERATOR or AUDITOR) with HTTP Basic. Admin users may also call "
					+ "the provider API for any provider, naming it in the `provider` parameter."));
		components.addSecuritySchemes(CONSOLE_SESSION, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
			.in(SecurityScheme.In.COOKIE)
			.name("VOUCHER_SESSION")
			.description("The admin console's session, created by `POST /api/v1/admin/session`. Writes also need "
					+ "the `XSRF-TOKEN` cookie's value in the `X-XSRF-TOKEN` header."));
		components.addSecuritySchemes(PROVIDER_BEARER,
				new SecurityScheme().type(SecurityScheme.Type.HTTP)
					.scheme("bearer")
					.description("A provider backend's API credential (`Authorization: Bearer <token>`), created by an "
							+ "admin; it acts for that provider only."));
		components.addSecuritySchemes(DEVICE_SIGNATURE, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
			.in(SecurityScheme.In.HEADER)
			.name(HttpHeaders.AUTHORIZATION)
			.description("A device's signed request: `Device <compact JWS>`, signed by the device key with its "
					+ "certificate chain in `x5c`, for this operation and used once. Device operations that carry "
					+ "the signed request in the body instead declare no scheme."));
		components.addSecuritySchemes(ENTITLEMENT_TOKEN, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
			.in(SecurityScheme.In.HEADER)
			.name("X-Voucher-Entitlement")
			.description("An entitlement token signed by the provider's backend (docs/license-message.md), naming "
					+ "no device; `Authorization: Bearer <token>` is accepted too. See docs/clear-key.md."));
	}

	private static void problemSchemas(Components components) {
		Schema<?> fieldError = new ObjectSchema().description("One invalid field of the request")
			.addProperty("field", new StringSchema().description("The field, as named in the request"))
			.addProperty("message", new StringSchema().description("What is wrong with it"));
		fieldError.setRequired(List.of("field", "message"));
		components.addSchemas("ProblemFieldError", fieldError);
		Schema<?> problem = new ObjectSchema()
			.description("An RFC 9457 problem document. `code` is stable and is what clients should branch on.")
			.addProperty("type",
					new StringSchema().format("uri")
						.description("The problem type: `urn:voucher:problem:` and the code in kebab case"))
			.addProperty("title", new StringSchema().description("A short summary of the HTTP status"))
			.addProperty("status", new IntegerSchema().format("int32").description("The HTTP status"))
			.addProperty("detail", new StringSchema().description("What went wrong, for people"))
			.addProperty("instance", new StringSchema().format("uri").description("The request path"))
			.addProperty("code", new Schema<>().$ref("#/components/schemas/ProblemCode"))
			.addProperty("errors",
					new ArraySchema().items(new Schema<>().$ref("#/components/schemas/ProblemFieldError"))
						.description("The invalid fields, for validation codes"))
			.addProperty("reason", new StringSchema()
				.description("Why an entitlement token was refused, for ENTITLEMENT_TOKEN_REJECTED"));
		problem.setRequired(List.of("type", "title", "status", "code"));
		components.addSchemas("Problem", problem);
		PROBLEMS.forEach((status, names) -> components.addResponses(names[0],
				new ApiResponse().description(names[1])
					.content(new Content().addMediaType(PROBLEM_JSON,
							new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"))))));
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static void enums(OpenAPI openApi, Components components) {
		ENUMS.forEach((name, values) -> {
			Schema existing = (components.getSchemas() != null) ? components.getSchemas().get(name) : null;
			if (existing == null) {
				StringSchema schema = new StringSchema();
				schema.setEnum(new ArrayList<>(values));
				components.addSchemas(name, schema);
			}
		});
		components.getSchemas().get("ProblemCode").description("The stable error codes; see docs/api.md");
		ENUM_USES.forEach((use, name) -> {
			int colon = use.indexOf(':');
			if (colon > 0) {
				eachOperation(openApi, (operation) -> {
					if (use.substring(0, colon).equals(operation.getOperationId())
							&& operation.getParameters() != null) {
						for (Parameter parameter : operation.getParameters()) {
							if (parameter.getName().equals(use.substring(colon + 1))) {
								parameter.setSchema(new Schema<>().$ref("#/components/schemas/" + name));
							}
						}
					}
				});
				return;
			}
			int dot = use.indexOf('.');
			Schema owner = components.getSchemas().get(use.substring(0, dot));
			if (owner == null || owner.getProperties() == null) {
				return;
			}
			Schema property = (Schema) owner.getProperties().get(use.substring(dot + 1));
			if (property != null && property.get$ref() == null) {
				Schema ref = new Schema<>().$ref("#/components/schemas/" + name);
				if (property instanceof ArraySchema || "array".equals(property.getType())) {
					Schema array = new ArraySchema().items(ref);
					array.setDescription(property.getDescription());
					owner.getProperties().put(use.substring(dot + 1), array);
				}
				else {
					owner.getProperties().put(use.substring(dot + 1), withDescription(ref, property.getDescription()));
				}
			}
		});
	}

	/**
	 * A {@code $ref} cannot have siblings in OpenAPI 3.0; a described reference is an
	 * {@code allOf} of one.
	 */
	private static Schema<?> withDescription(Schema<?> ref, @Nullable String description) {
		if (description == null) {
			return ref;
		}
		Schema<?> described = new Schema<>().allOf(List.of(ref));
		described.setDescription(description);
		return described;
	}

	private void operation(String path, PathItem.HttpMethod method, Operation operation) {
		if (operation.getDescription() == null || operation.getDescription().isBlank()) {
			operation.setDescription(operation.getSummary() + ".");
		}
		List<Parameter> parameters = (operation.getParameters() != null) ? operation.getParameters() : List.of();
		boolean signedHeader = parameters.stream()
			.anyMatch((parameter) -> "header".equals(parameter.getIn())
					&& HttpHeaders.AUTHORIZATION.equalsIgnoreCase(parameter.getName()));
		if (signedHeader) {
			// An Authorization parameter is ignored by OpenAPI: the security scheme says
			// it.
			operation.setParameters(parameters.stream()
				.filter((parameter) -> !HttpHeaders.AUTHORIZATION.equalsIgnoreCase(parameter.getName()))
				.toList());
			parameters = operation.getParameters();
		}
		operation.setSecurity(security(path, method, signedHeader));
		parameters(operation, parameters);
		successes(operation);
		errors(path, method, operation, signedHeader);
	}

	private static List<SecurityRequirement> security(String path, PathItem.HttpMethod method, boolean signedHeader) {
		if (signedHeader) {
			return List.of(new SecurityRequirement().addList(DEVICE_SIGNATURE));
		}
		if (path.startsWith(CLEAR_KEY)) {
			return List.of(new SecurityRequirement().addList(ENTITLEMENT_TOKEN));
		}
		if (path.startsWith("/device/") || path.equals("/api/v1/platform")
				|| (path.equals("/api/v1/admin/session") && method == PathItem.HttpMethod.POST)) {
			return new ArrayList<>();
		}
		if (path.equals("/api/v1/admin/session")) {
			return List.of(new SecurityRequirement().addList(CONSOLE_SESSION));
		}
		List<SecurityRequirement> requirements = new ArrayList<>();
		if (!path.startsWith("/api/v1/admin/")) {
			requirements.add(new SecurityRequirement().addList(PROVIDER_BEARER));
		}
		requirements.add(new SecurityRequirement().addList(ADMIN_BASIC));
		requirements.add(new SecurityRequirement().addList(CONSOLE_SESSION));
		return requirements;
	}

	private static void parameters(Operation operation, List<Parameter> parameters) {
		for (Parameter parameter : parameters) {
			String name = parameter.getName();
			Schema<?> schema = parameter.getSchema();
			// Schemas may be shared between parameters: replace them, never change them.
			if ("page".equals(name) && schema != null) {
				parameter.setSchema(integer(schema, 0, null));
			}
			if ("size".equals(name) && schema != null) {
				parameter.setSchema(integer(schema, 1, PageRequests.MAX_SIZE));
			}
			if ("sort".equals(name)) {
				List<String> fields = SORTABLE.get(operation.getOperationId());
				if (fields != null) {
					parameter.setDescription("Sort by one of " + String.join(", ", fields)
							+ ", optionally followed by `,asc` (the default) or `,desc`");
					StringSchema sort = new StringSchema();
					sort.setPattern("^(" + String.join("|", fields) + ")(,(asc|desc))?$");
					sort.addExtension("x-sortable-fields", fields);
					parameter.setSchema(sort);
				}
			}
			if (("from".equals(name) || "to".equals(name)) && schema != null
					&& "listAuditEvents".equals(operation.getOperationId())) {
				parameter.setSchema(new StringSchema().format("date-time"));
			}
			if (parameter.getDescription() == null || parameter.getDescription().isBlank()) {
				parameter.setDescription(PARAMETERS.get(name));
			}
		}
	}

	private static Schema<?> integer(Schema<?> original, int minimum, @Nullable Integer maximum) {
		IntegerSchema schema = new IntegerSchema();
		schema.setFormat("int32");
		schema.setMinimum(java.math.BigDecimal.valueOf(minimum));
		if (maximum != null) {
			schema.setMaximum(java.math.BigDecimal.valueOf(maximum));
		}
		if (original.getDefault() != null) {
			schema.setDefault(original.getDefault());
		}
		return schema;
	}

	@SuppressWarnings({ "rawtypes" })
	private static void successes(Operation operation) {
		ApiResponses responses = operation.getResponses();
		Map<String, String> declared = SUCCESS.getOrDefault(operation.getOperationId(), Map.of());
		ApiResponse first = responses.values().iterator().next();
		boolean replaces200 = declared.keySet().stream().anyMatch((status) -> status.startsWith("2"));
		if (replaces200 && responses.containsKey("200") && !declared.containsKey("200")) {
			// The 200 that the signature suggested is answered with another status.
			responses.remove("200");
		}
		for (Map.Entry<String, String> success : new TreeMap<>(declared).entrySet()) {
			ApiResponse response = responses.get(success.getKey());
			if (response == null) {
				response = new ApiResponse();
				if (!success.getKey().equals("304") && first.getContent() != null) {
					response.setContent(first.getContent());
				}
				responses.addApiResponse(success.getKey(), response);
			}
			response.setDescription(success.getValue());
		}
		for (ApiResponse response : responses.values()) {
			Content content = response.getContent();
			if (content != null && content.containsKey("*/*")) {
				MediaType any = content.remove("*/*");
				content.addMediaType(JSON, any);
			}
			if (content != null) {
				for (MediaType media : content.values()) {
					Schema schema = media.getSchema();
					if (schema != null && schema.get$ref() == null && schema.getType() == null
							&& schema.getTypes() == null) {
						media.setSchema(new ObjectSchema());
					}
				}
			}
		}
		// Sorted by status so that the description reads in order.
		Map<String, ApiResponse> ordered = new TreeMap<>(responses);
		responses.clear();
		ordered.forEach(responses::addApiResponse);
	}

	private void errors(String path, PathItem.HttpMethod method, Operation operation, boolean signedHeader) {
		Set<Integer> statuses = errorStatuses(path, method, operation, signedHeader);
		ApiResponses responses = operation.getResponses();
		for (int status : statuses) {
			String[] problem = PROBLEMS.get(status);
			responses.addApiResponse(Integer.toString(status),
					new ApiResponse().$ref("#/components/responses/" + problem[0]));
		}
		Map<String, ApiResponse> ordered = new TreeMap<>(responses);
		responses.clear();
		ordered.forEach(responses::addApiResponse);
	}

	/**
	 * The error statuses an operation can answer, by kind of operation.
	 */
	static Set<Integer> errorStatuses(String path, PathItem.HttpMethod method, Operation operation,
			boolean signedHeader) {
		Set<Integer> statuses = new HashSet<>(List.of(500, 503));
		boolean hasBody = operation.getRequestBody() != null;
		List<Parameter> parameters = (operation.getParameters() != null) ? operation.getParameters() : List.of();
		boolean answersBody = operation.getResponses()
			.values()
			.stream()
			.anyMatch((response) -> response.getContent() != null && !response.getContent().isEmpty());
		if (answersBody) {
			statuses.add(406);
		}
		if (hasBody) {
			statuses.addAll(List.of(400, 413, 415));
		}
		if (!parameters.isEmpty()) {
			statuses.add(400);
		}
		boolean credentials = operation.getSecurity() != null && operation.getSecurity()
			.stream()
			.anyMatch((requirement) -> !requirement.containsKey(DEVICE_SIGNATURE));
		if (credentials) {
			statuses.addAll(List.of(401, 403));
		}
		boolean pathVariables = PATH_VARIABLE.matcher(path).find();
		if (pathVariables) {
			statuses.add(404);
		}
		boolean clearKey = path.startsWith(CLEAR_KEY);
		if (path.startsWith("/api/v1/") && !path.startsWith("/api/v1/admin/") && !path.equals("/api/v1/platform")
				&& !clearKey) {
			// The provider an admin names may not exist.
			statuses.addAll(List.of(400, 404));
		}
		if (parameters.stream().anyMatch((parameter) -> "provider".equals(parameter.getName()))) {
			// PROVIDER_NOT_FOUND for a provider that does not exist.
			statuses.add(404);
		}
		if (method != PathItem.HttpMethod.GET && credentials && !clearKey) {
			statuses.add(409);
		}
		if (signedHeader) {
			statuses.addAll(List.of(400, 403, 404, 409, 410));
		}
		if (path.contains("{generatedId}") || path.contains("{groupId}")) {
			statuses.add(410);
		}
		if (RATE_LIMITED.stream().anyMatch(path::startsWith)) {
			statuses.add(429);
		}
		boolean signsIn = operation.getSecurity() != null && operation.getSecurity()
			.stream()
			.anyMatch(
					(requirement) -> requirement.containsKey(ADMIN_BASIC) || requirement.containsKey(CONSOLE_SESSION));
		if (signsIn) {
			// Failed admin sign-ins lock the account and the address for a while.
			statuses.add(429);
		}
		statuses.addAll(EXTRA_ERRORS.getOrDefault(operation.getOperationId(), Set.of()));
		return statuses;
	}

	/**
	 * Marks as required the members that are always present, on the schemas the API
	 * answers with (request schemas keep what their validation says).
	 */
	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static void required(OpenAPI openApi) {
		Map<String, Schema> schemas = openApi.getComponents().getSchemas();
		Set<String> requestSchemas = new HashSet<>();
		eachOperation(openApi, (operation) -> {
			if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
				operation.getRequestBody()
					.getContent()
					.values()
					.forEach((media) -> reachable(media.getSchema(), schemas, requestSchemas));
			}
		});
		for (Map.Entry<String, Schema> entry : schemas.entrySet()) {
			Schema schema = entry.getValue();
			Object present = (schema.getExtensions() != null)
					? schema.getExtensions().remove(RecordRequiredConverter.EXTENSION) : null;
			if (schema.getExtensions() != null && schema.getExtensions().isEmpty()) {
				schema.setExtensions(null);
			}
			if (present instanceof List<?> names && !requestSchemas.contains(entry.getKey())) {
				List<String> required = new ArrayList<>(
						(schema.getRequired() != null) ? schema.getRequired() : List.of());
				for (Object name : names) {
					if (!required.contains(name)) {
						required.add((String) name);
					}
				}
				schema.setRequired(required);
			}
		}
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static void reachable(@Nullable Schema schema, Map<String, Schema> schemas, Set<String> found) {
		if (schema == null) {
			return;
		}
		if (schema.get$ref() != null) {
			String name = schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1);
			if (found.add(name)) {
				reachable(schemas.get(name), schemas, found);
			}
			return;
		}
		if (schema.getProperties() != null) {
			for (Object property : schema.getProperties().values()) {
				reachable((Schema) property, schemas, found);
			}
		}
		reachable(schema.getItems(), schemas, found);
		if (schema.getAllOf() != null) {
			for (Object part : schema.getAllOf()) {
				reachable((Schema) part, schemas, found);
			}
		}
		if (schema.getAdditionalProperties() instanceof Schema additional) {
			reachable(additional, schemas, found);
		}
	}

	private static void eachOperation(OpenAPI openApi, Consumer<Operation> action) {
		if (openApi.getPaths() == null) {
			return;
		}
		for (PathItem item : openApi.getPaths().values()) {
			item.readOperations().forEach(action);
		}
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static void rename(OpenAPI openApi, String from, String to) {
		Map<String, Schema> schemas = openApi.getComponents().getSchemas();
		if (schemas == null || !schemas.containsKey(from)) {
			return;
		}
		Map<String, Schema> renamed = new LinkedHashMap<>();
		schemas.forEach((name, schema) -> renamed.put(name.equals(from) ? to : name, schema));
		openApi.getComponents().setSchemas(renamed);
		String oldRef = "#/components/schemas/" + from;
		String newRef = "#/components/schemas/" + to;
		for (Schema schema : renamed.values()) {
			replaceRef(schema, oldRef, newRef);
		}
	}

	@SuppressWarnings({ "rawtypes" })
	private static void replaceRef(@Nullable Schema schema, String oldRef, String newRef) {
		if (schema == null) {
			return;
		}
		if (oldRef.equals(schema.get$ref())) {
			schema.set$ref(newRef);
		}
		if (schema.getProperties() != null) {
			for (Object property : schema.getProperties().values()) {
				replaceRef((Schema) property, oldRef, newRef);
			}
		}
		replaceRef(schema.getItems(), oldRef, newRef);
	}

	private static List<String> names(Enum<?>[] values) {
		return Arrays.stream(values).map(Enum::name).toList();
	}

	private static List<String> sorted(Set<String> values) {
		return values.stream().sorted().toList();
	}

	static boolean matches(String template, String path) {
		Matcher matcher = PATH_VARIABLE.matcher(template);
		return Pattern.compile("^" + matcher.replaceAll("[^/]+") + "$").matcher(path).matches();
	}

}
