package io.voucher.api.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One answer of {@code /actuator/prometheus}, parsed into samples (the text format:
 * {@code name{label="value",...} value}).
 */
final class Scrape {

	private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)$");

	private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:\\\\.|[^\"\\\\])*)\"");

	private final List<Sample> samples = new ArrayList<>();

	private final String text;

	Scrape(String text) {
		this.text = text;
		for (String line : text.split("\n")) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			Matcher sample = SAMPLE.matcher(line.trim());
			if (!sample.matches()) {
				throw new IllegalArgumentException("Not a sample: " + line);
			}
			Map<String, String> labels = new LinkedHashMap<>();
			if (sample.group(3) != null) {
				Matcher label = LABEL.matcher(sample.group(3));
				while (label.find()) {
					labels.put(label.group(1), label.group(2));
				}
			}
			this.samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(4))));
		}
	}

	String text() {
		return this.text;
	}

	/**
	 * The series names present.
	 * @return the names
	 */
	Set<String> names() {
		Set<String> names = new TreeSet<>();
		this.samples.forEach((sample) -> names.add(sample.name()));
		return names;
	}

	/**
	 * The samples of a series name whose labels include the given ones.
	 * @param name the series name
	 * @param labels label names and values, alternating
	 * @return the samples
	 */
	List<Sample> samples(String name, String... labels) {
		List<Sample> found = new ArrayList<>();
		for (Sample sample : this.samples) {
			if (sample.name().equals(name) && sample.has(labels)) {
				found.add(sample);
			}
		}
		return found;
	}

	/**
	 * The sum of the matching samples' values (0 when none matches).
	 * @param name the series name
	 * @param labels label names and values, alternating
	 * @return the sum
	 */
	double sum(String name, String... labels) {
		return samples(name, labels).stream().mapToDouble(Sample::value).sum();
	}

	record Sample(String name, Map<String, String> labels, double value) {

		boolean has(String... pairs) {
			for (int i = 0; i < pairs.length; i += 2) {
				if (!pairs[i + 1].equals(this.labels.get(pairs[i]))) {
					return false;
				}
			}
			return true;
		}

	}

}
