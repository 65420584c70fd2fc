package io.voucher.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Samples the platform's heap and processor use once a second from its Prometheus
 * endpoint while a phase runs: the largest heap in use (live objects and garbage not yet
 * collected), the largest old generation (long-lived objects and what was promoted), and
 * the mean processor use the JVM reports for itself.
 */
final class ServerMetrics implements AutoCloseable {

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final HttpRequest request;

	private final Thread sampler;

	private volatile boolean running = true;

	private volatile double maxHeapUsed = -1;

	private volatile double maxOldGen = -1;

	private volatile double heapMax = -1;

	private double cpuSum;

	private int cpuSamples;

	/**
	 * Starts sampling.
	 * @param url the platform
	 * @param token its metrics scrape token ({@code voucher.metrics.token}); without it
	 * every sample is refused and nothing is reported
	 */
	ServerMetrics(URI url, @Nullable String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(url.resolve("/actuator/prometheus"))
			.timeout(Duration.ofSeconds(5))
			.header("Accept", "text/plain");
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		this.request = request.build();
		this.sampler = new Thread(this::sample, "server-metrics");
		this.sampler.setDaemon(true);
		this.sampler.start();
	}

	private void sample() {
		while (this.running) {
			try {
				HttpResponse<String> response = this.client.send(this.request, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200) {
					read(response.body());
				}
				Thread.sleep(1000);
			}
			catch (IOException ex) {
				// A missed sample; the next one counts.
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private synchronized void read(String text) {
		double heapUsed = 0;
		double heapLimit = 0;
		boolean sawHeap = false;
		for (String line : text.split("\n")) {
			if (line.startsWith("#")) {
				continue;
			}
			if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
				heapUsed += value(line);
				sawHeap = true;
			}
			else if (line.startsWith("jvm_memory_max_bytes{") && line.contains("area=\"heap\"")) {
				double max = value(line);
				if (max > 0) {
					heapLimit += max;
				}
			}
			if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")
					&& (line.contains("Old Gen") || line.contains("Tenured"))) {
				this.maxOldGen = Math.max(this.maxOldGen, value(line));
			}
			else if (line.startsWith("process_cpu_usage")) {
				this.cpuSum += value(line);
				this.cpuSamples++;
			}
		}
		if (sawHeap) {
			this.maxHeapUsed = Math.max(this.maxHeapUsed, heapUsed);
		}
		if (heapLimit > 0) {
			this.heapMax = heapLimit;
		}
	}

	private static double value(String line) {
		String[] parts = line.trim().split("\\s+");
		return Double.parseDouble(parts[parts.length - 1]);
	}

	Optional<Double> maxHeapUsedMb() {
		return (this.maxHeapUsed >= 0) ? Optional.of(this.maxHeapUsed / 1048576) : Optional.empty();
	}

	Optional<Double> maxOldGenMb() {
		return (this.maxOldGen >= 0) ? Optional.of(this.maxOldGen / 1048576) : Optional.empty();
	}

	Optional<Double> heapLimitMb() {
		return (this.heapMax > 0) ? Optional.of(this.heapMax / 1048576) : Optional.empty();
	}

	/** Mean of process_cpu_usage: the share of all the machine's processors. */
	synchronized Optional<Double> meanCpu() {
		return (this.cpuSamples > 0) ? Optional.of(this.cpuSum / this.cpuSamples) : Optional.empty();
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.sampler.interrupt();
		this.sampler.join(5000);
	}

}
