package io.voucher.api.contract;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.voucher.api.contract.ServedStatuses.Served;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed OpenAPI description ({@code docs/openapi.json}) against what the server
 * does. Every operation has a description, a security declaration and its error answers
 * (problem documents); and every status the application answered to any test of this JVM
 * (recorded by {@link ServedStatuses}) is documented for its operation. Runs last, so
 * that the whole test run has been recorded; run alone, it checks what it can.
 */
@Order(Integer.MAX_VALUE)
class ApiContractTests {

	static OpenAPI description;

	@BeforeAll
	static void description() {
		ParseOptions options = new ParseOptions();
		options.setResolve(false);
		description = new OpenAPIV3Parser().read(Path.of("..", "docs", "openapi.json").toString(), null, options);
		assertThat(description).as("docs/openapi.json parses").isNotNull();
	}

	@Test
	void everyOperationHasADescriptionASecurityDeclarationAndItsErrorAnswers() {
		List<String> missing = new ArrayList<>();
		operations().forEach((key, operation) -> {
			if (operation.getDescription() == null || operation.getDescription().isBlank()) {
				missing.add(key + ": no description");
			}
			if (operation.getSecurity() == null) {
				missing.add(key + ": no security declaration");
			}
			boolean problems = operation.getResponses()
				.entrySet()
				.stream()
				.anyMatch((response) -> response.getKey().matches("[45]\\d\\d") && problem(response.getValue()));
			if (!problems) {
				missing.add(key + ": no error answer");
			}
			operation.getResponses().forEach((status, response) -> {
				if (status.matches("[45]\\d\\d") && !problem(response)) {
					missing.add(key + ": " + status + " is not a problem document");
				}
			});
			if (operation.getParameters() != null) {
				operation.getParameters()
					.stream()
					.filter((parameter) -> parameter.getDescription() == null || parameter.getDescription().isBlank())
					.forEach((parameter) -> missing.add(key + ": parameter " + parameter.getName() + " undescribed"));
			}
		});
		assertThat(missing).isEmpty();
	}

	@Test
	void everyServedStatusIsDocumentedForItsOperation() {
		TreeSet<String> undocumented = new TreeSet<>();
		for (Served served : ServedStatuses.served()) {
			Optional<Operation> operation = operation(served.method(), served.path());
			if (operation.isEmpty()) {
				// Not an operation of the API: operations endpoints, the console, a
				// method the path does not have.
				continue;
			}
			Map<String, ApiResponse> responses = operation.get().getResponses();
			String status = Integer.toString(served.status());
			if (!responses.containsKey(status) && !responses.containsKey("default")) {
				undocumented.add(operation.get().getOperationId() + " answered " + status + " (" + served.method() + " "
						+ served.path() + ")");
			}
		}
		assertThat(undocumented)
			.as("statuses answered in tests but not documented in docs/openapi.json: "
					+ "document them (OpenApiContract) and regenerate the description")
			.isEmpty();
	}

	private static boolean problem(ApiResponse response) {
		if (response.get$ref() != null) {
			ApiResponse shared = description.getComponents()
				.getResponses()
				.get(response.get$ref().substring(response.get$ref().lastIndexOf('/') + 1));
			return shared != null && problem(shared);
		}
		return response.getContent() != null && response.getContent().containsKey("application/problem+json");
	}

	/**
	 * The operation answering a request: of the path templates matching the path, the one
	 * with the fewest variables (a literal segment wins over a variable).
	 */
	static Optional<Operation> operation(String method, String path) {
		return description.getPaths()
			.entrySet()
			.stream()
			.filter((entry) -> template(entry.getKey()).matcher(path).matches())
			.min(Comparator.comparingLong(
					(Map.Entry<String, PathItem> entry) -> entry.getKey().chars().filter((c) -> c == '{').count()))
			.map((entry) -> entry.getValue().readOperationsMap().get(httpMethod(method)))
			.filter((operation) -> operation != null);
	}

	private static PathItem.HttpMethod httpMethod(String method) {
		try {
			return PathItem.HttpMethod.valueOf(method);
		}
		catch (IllegalArgumentException ex) {
			return PathItem.HttpMethod.TRACE;
		}
	}

	private static Pattern template(String path) {
		return Pattern.compile("^" + Pattern.quote(path).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q") + "$");
	}

	private static Map<String, Operation> operations() {
		Map<String, Operation> operations = new java.util.TreeMap<>();
		description.getPaths()
			.forEach((path, item) -> item.readOperationsMap()
				.forEach((method, operation) -> operations.put(method + " " + path, operation)));
		return operations;
	}

}
