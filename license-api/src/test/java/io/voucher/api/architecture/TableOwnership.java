package io.voucher.api.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which module owns which table, and which tables each module's code writes or locks. A
 * table belongs to the module whose Flyway migrations create it; a module's code writes a
 * table when one of its SQL strings inserts into, updates or deletes from it, or locks
 * its rows ({@code FOR UPDATE}, {@code FOR NO KEY UPDATE}, {@code FOR SHARE}), or when
 * one of its JPA entities maps it. Reading a foreign table is fine; writing it is the
 * owner's job, through the owner's API.
 */
final class TableOwnership {

	/** The modules with tables, by the name of their folder in the reactor. */
	static final List<String> MODULES = List.of("license-domain", "device-registry", "license-api");

	private static final Pattern CREATE_TABLE = Pattern
		.compile("(?i)\\bCREATE\\s+(?:UNLOGGED\\s+)?TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(\\w+)");

	private static final Pattern TEXT_BLOCK = Pattern.compile("\"\"\"(.*?)\"\"\"", Pattern.DOTALL);

	private static final Pattern JOINED_LITERALS = Pattern.compile("\"\\s*\\+\\s*\"");

	private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");

	private static final Pattern WRITE = Pattern.compile(
			"(?i)\\b(?:INSERT\\s+INTO|DELETE\\s+FROM|(?<!FOR\\s)(?<!KEY\\s)UPDATE(?=\\s+\\w+(?:\\s+\\w+)?\\s+SET\\b))\\s+(\\w+)");

	private static final Pattern LOCK = Pattern
		.compile("(?i)\\bFOR\\s+(?:NO\\s+KEY\\s+UPDATE|UPDATE|KEY\\s+SHARE|SHARE)(?:\\s+OF\\s+(\\w+))?");

	private static final Pattern FROM_OR_JOIN = Pattern
		.compile("(?i)\\b(?:FROM|JOIN)\\s+(\\w+)(?:\\s+(?:AS\\s+)?(\\w+))?");

	private static final Pattern ENTITY_TABLE = Pattern.compile("@Table\\s*\\(\\s*name\\s*=\\s*\"(\\w+)\"");

	private static final Set<String> SQL_WORDS = Set.of("where", "join", "left", "right", "inner", "on", "for", "order",
			"group", "limit", "set", "using", "cross", "full", "natural", "union", "returning");

	private TableOwnership() {
	}

	/**
	 * The owner of every table the modules' migrations create.
	 * @param root the reactor's root folder
	 * @return the owning module, by table
	 */
	static Map<String, String> owners(Path root) {
		Map<String, String> owners = new LinkedHashMap<>();
		for (String module : MODULES) {
			for (Path migration : files(root.resolve(module).resolve("src/main/resources/db/migration"), ".sql")) {
				Matcher matcher = CREATE_TABLE.matcher(read(migration));
				while (matcher.find()) {
					owners.put(matcher.group(1).toLowerCase(Locale.ROOT), module);
				}
			}
		}
		return owners;
	}

	/**
	 * Every violation in the modules' production code.
	 * @param root the reactor's root folder
	 * @param owners the owning module, by table
	 * @return one line per violation
	 */
	static List<String> violations(Path root, Map<String, String> owners) {
		List<String> violations = new ArrayList<>();
		for (String module : MODULES) {
			Path sources = root.resolve(module).resolve("src/main/java");
			for (Path source : files(sources, ".java")) {
				violations.addAll(violations(module, sources.relativize(source).toString(), read(source), owners));
			}
		}
		return violations;
	}

	/**
	 * The violations of one source file.
	 * @param module the module it belongs to
	 * @param name its name, for the report
	 * @param source its text
	 * @param owners the owning module, by table
	 * @return one line per violation
	 */
	static List<String> violations(String module, String name, String source, Map<String, String> owners) {
		List<String> violations = new ArrayList<>();
		for (String table : writtenTables(source)) {
			String owner = owners.get(table);
			if (owner == null) {
				violations
					.add(module + " " + name + " writes table " + table + ", which no module's migration creates");
			}
			else if (!owner.equals(module)) {
				violations.add(module + " " + name + " writes or locks table " + table + ", owned by " + owner);
			}
		}
		return violations;
	}

	/**
	 * The tables a source file's SQL strings write or lock, and its entities map.
	 * @param source the source text
	 * @return the tables, lower case
	 */
	static Set<String> writtenTables(String source) {
		Set<String> tables = new LinkedHashSet<>();
		for (String sql : literals(source)) {
			Matcher write = WRITE.matcher(sql);
			while (write.find()) {
				tables.add(tableName(write.group(1)));
			}
			Matcher lock = LOCK.matcher(sql);
			if (lock.find()) {
				tables.addAll(lockedTables(sql, lock.group(1)));
			}
		}
		Matcher entity = ENTITY_TABLE.matcher(source);
		while (entity.find()) {
			tables.add(entity.group(1).toLowerCase(Locale.ROOT));
		}
		return tables;
	}

	private static Set<String> lockedTables(String sql, String of) {
		Set<String> tables = new LinkedHashSet<>();
		Matcher from = FROM_OR_JOIN.matcher(sql);
		while (from.find()) {
			String table = tableName(from.group(1));
			String alias = (from.group(2) != null) ? from.group(2).toLowerCase(Locale.ROOT) : null;
			if (alias != null && SQL_WORDS.contains(alias)) {
				alias = null;
			}
			if (table.equals("unnest") || table.equals("generate_series") || table.equals("lateral")) {
				continue;
			}
			if (of == null || of.equalsIgnoreCase(table) || of.equalsIgnoreCase(alias)) {
				tables.add(table);
			}
		}
		return tables;
	}

	/**
	 * A table's name as written in SQL, or as a JPQL entity name (which Hibernate's
	 * naming strategy maps to snake case: {@code ProviderCorsOrigin} is
	 * {@code provider_cors_origin}).
	 */
	private static String tableName(String written) {
		return written.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
	}

	/** The string literals of a source, adjacent ones joined with {@code +} as one. */
	private static List<String> literals(String source) {
		List<String> literals = new ArrayList<>();
		Matcher block = TEXT_BLOCK.matcher(source);
		while (block.find()) {
			literals.add(block.group(1));
		}
		String joined = JOINED_LITERALS.matcher(TEXT_BLOCK.matcher(source).replaceAll("\"\""))
			.replaceAll(Matcher.quoteReplacement(""));
		Matcher literal = LITERAL.matcher(joined);
		while (literal.find()) {
			literals.add(literal.group(1));
		}
		return literals;
	}

	private static List<Path> files(Path folder, String suffix) {
		if (!Files.isDirectory(folder)) {
			return List.of();
		}
		try (Stream<Path> walk = Files.walk(folder)) {
			return walk.filter((path) -> path.toString().endsWith(suffix)).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String read(Path path) {
		try {
			return Files.readString(path);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
