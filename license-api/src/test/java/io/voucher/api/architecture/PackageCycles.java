package io.voucher.api.architecture;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import org.jspecify.annotations.Nullable;

/**
 * Package cycles between the feature packages of the modules ({@code crypto.pki},
 * {@code registry.pregeneration}, {@code api.web}…, each with its sub-packages). Packages
 * that depend on each other in a cycle form one strongly connected group; a group that is
 * not among the known ones is a new cycle. Known groups are the tangles that predate this
 * check: dependencies may change inside one, but no package may join one and no new group
 * may form, until they are untangled and removed from the list.
 */
final class PackageCycles {

	/** The cyclic groups that predate this check, each as its packages. */
	static final List<Set<String>> KNOWN = List.of(Set.of("crypto.internal", "crypto.keys", "crypto.pki"),
			Set.of("registry.admission", "registry.pregeneration", "registry.registration", "registry.revocation"),
			Set.of("api.admin", "api.audit", "api.cors", "api.license", "api.ratelimit", "api.security", "api.token",
					"api.web"));

	private PackageCycles() {
	}

	/**
	 * Every cyclic group of feature packages that is not part of a known one.
	 * @param classes the classes
	 * @param known the known groups
	 * @return one line per new group, naming its packages
	 */
	static List<String> newCycles(JavaClasses classes, List<Set<String>> known) {
		List<String> found = new ArrayList<>();
		for (Set<String> group : cyclicGroups(classes)) {
			if (known.stream().noneMatch((allowed) -> allowed.containsAll(group))) {
				found.add("Packages in a cycle: " + String.join(", ", group));
			}
		}
		return found;
	}

	/**
	 * The strongly connected groups of two or more feature packages (Tarjan's algorithm).
	 * @param classes the classes
	 * @return the groups, each sorted
	 */
	static List<Set<String>> cyclicGroups(JavaClasses classes) {
		Map<String, Set<String>> graph = new TreeMap<>();
		for (JavaClass javaClass : classes) {
			String from = slice(javaClass);
			if (from == null) {
				continue;
			}
			Set<String> targets = graph.computeIfAbsent(from, (key) -> new TreeSet<>());
			for (Dependency dependency : javaClass.getDirectDependenciesFromSelf()) {
				String to = slice(dependency.getTargetClass());
				if (to != null && !to.equals(from)) {
					targets.add(to);
					graph.computeIfAbsent(to, (key) -> new TreeSet<>());
				}
			}
		}
		return new Tarjan(graph).groups;
	}

	/** The feature package of a class, as {@code module.feature}, or {@code null}. */
	private static @Nullable String slice(JavaClass javaClass) {
		String[] parts = javaClass.getPackageName().split("\\.");
		if (parts.length < 4 || !parts[0].equals("io") || !parts[1].equals("voucher")) {
			return null;
		}
		return parts[2] + "." + parts[3];
	}

	private static final class Tarjan {

		private final Map<String, Set<String>> graph;

		private final Map<String, Integer> index = new HashMap<>();

		private final Map<String, Integer> low = new HashMap<>();

		private final Deque<String> stack = new ArrayDeque<>();

		private final Set<String> onStack = new TreeSet<>();

		private final List<Set<String>> groups = new ArrayList<>();

		private int next;

		Tarjan(Map<String, Set<String>> graph) {
			this.graph = graph;
			for (String node : graph.keySet()) {
				if (!this.index.containsKey(node)) {
					visit(node);
				}
			}
		}

		private void visit(String node) {
			this.index.put(node, this.next);
			this.low.put(node, this.next);
			this.next++;
			this.stack.push(node);
			this.onStack.add(node);
			for (String target : this.graph.get(node)) {
				if (!this.index.containsKey(target)) {
					visit(target);
					this.low.put(node, Math.min(this.low.get(node), this.low.get(target)));
				}
				else if (this.onStack.contains(target)) {
					this.low.put(node, Math.min(this.low.get(node), this.index.get(target)));
				}
			}
			if (this.low.get(node).equals(this.index.get(node))) {
				Set<String> group = new TreeSet<>();
				String member;
				do {
					member = this.stack.pop();
					this.onStack.remove(member);
					group.add(member);
				}
				while (!member.equals(node));
				if (group.size() > 1) {
					this.groups.add(group);
				}
			}
		}

	}

}
