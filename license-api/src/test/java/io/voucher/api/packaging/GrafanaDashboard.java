package io.voucher.api.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the provisioned Grafana dashboard and the metric names its PromQL queries name,
 * so that tests can hold them against what the application really exports.
 */
public final class GrafanaDashboard {

	/** The dashboard provisioned by {@code docker/compose.yaml}. */
	public static final Path FILE = DockerFilesTests.DOCKER.resolve("grafana/dashboards/voucher.json");

	private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

	private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
			"and", "or", "unless", "bool", "offset", "inf", "nan");

	private GrafanaDashboard() {
	}

	/**
	 * Parses the dashboard.
	 * @return the dashboard's JSON
	 */
	public static JsonNode read() {
		try {
			return JsonMapper.builder().build().readTree(Files.readString(FILE));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Every query of every panel (rows' nested panels included).
	 * @param dashboard the dashboard
	 * @return the PromQL expressions
	 */
	public static List<String> expressions(JsonNode dashboard) {
		List<String> expressions = new ArrayList<>();
		collect(dashboard.path("panels"), expressions);
		return expressions;
	}

	private static void collect(JsonNode panels, List<String> expressions) {
		for (JsonNode panel : panels) {
			for (JsonNode target : panel.path("targets")) {
				expressions.add(target.path("expr").asString());
			}
			collect(panel.path("panels"), expressions);
		}
	}

	/**
	 * The metric (series) names a PromQL expression selects: what remains once strings,
	 * label matchers, ranges, grouping clauses, function calls, keywords and numbers are
	 * set aside.
	 * @param expression the expression
	 * @return the metric names
	 */
	public static Set<String> metricNames(String expression) {
		String rest = expression.replaceAll("\"(\\\\.|[^\"\\\\])*\"", " ")
			.replaceAll("\\{[^}]*}", " ")
			.replaceAll("\\[[^]]*]", " ")
			.replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
		Set<String> names = new TreeSet<>();
		Matcher matcher = IDENTIFIER.matcher(rest);
		while (matcher.find()) {
			String word = matcher.group();
			int start = matcher.start();
			boolean partOfNumber = start > 0
					&& (Character.isDigit(rest.charAt(start - 1)) || rest.charAt(start - 1) == '.');
			boolean call = rest.substring(matcher.end()).stripLeading().startsWith("(");
			if (!partOfNumber && !call && !KEYWORDS.contains(word.toLowerCase(java.util.Locale.ROOT))) {
				names.add(word);
			}
		}
		return names;
	}

}
