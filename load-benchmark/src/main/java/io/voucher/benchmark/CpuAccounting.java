package io.voucher.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * Where the machine's processor time goes during a phase, from Linux's {@code /proc}: the
 * platform's JVM, its PostgreSQL processes (the embedded server runs as children of the
 * JVM), this load generator, and the whole machine (which includes other users' work on a
 * shared machine). Figures are in cores: 1.0 is one processor busy all the time.
 */
final class CpuAccounting {

	/** Linux's USER_HZ: clock ticks per second in /proc. */
	private static final double TICKS_PER_SECOND = 100.0;

	private final long platformPid;

	private final @Nullable String databaseFolder;

	/**
	 * Accounts for a platform started here.
	 * @param platformPid the platform's JVM, or a negative value for none
	 * @param databaseFolder the embedded PostgreSQL's data folder: its postmaster is
	 * found by its command line (it detaches from the JVM), its backends as its children
	 */
	CpuAccounting(long platformPid, @Nullable String databaseFolder) {
		this.platformPid = platformPid;
		this.databaseFolder = databaseFolder;
	}

	static boolean available() {
		return Files.isReadable(Path.of("/proc/stat"));
	}

	Snapshot snapshot() {
		Map<Long, long[]> processes = processes();
		long platform = 0;
		long postgres = 0;
		long self = ticks(processes.get(ProcessHandle.current().pid()));
		if (this.platformPid > 0) {
			platform = ticks(processes.get(this.platformPid));
			Set<Long> roots = new HashSet<>();
			roots.add(this.platformPid);
			if (this.databaseFolder != null) {
				for (Long pid : processes.keySet()) {
					if (commandLine(pid).contains(this.databaseFolder)) {
						roots.add(pid);
						if (pid != this.platformPid) {
							postgres += ticks(processes.get(pid));
						}
					}
				}
			}
			for (Map.Entry<Long, long[]> process : processes.entrySet()) {
				if (!roots.contains(process.getKey()) && isDescendant(process.getKey(), processes, roots)) {
					postgres += ticks(process.getValue());
				}
			}
		}
		long[] machine = machine();
		return new Snapshot(System.nanoTime(), platform, postgres, self, machine[0], machine[1]);
	}

	private static String commandLine(long pid) {
		try {
			return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
					java.nio.charset.StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "";
		}
	}

	private static boolean isDescendant(long pid, Map<Long, long[]> processes, Set<Long> roots) {
		long current = pid;
		for (int depth = 0; depth < 10; depth++) {
			long[] stat = processes.get(current);
			if (stat == null) {
				return false;
			}
			long parent = stat[0];
			if (roots.contains(parent)) {
				return true;
			}
			current = parent;
		}
		return false;
	}

	private static long ticks(long[] stat) {
		return (stat != null) ? stat[1] + stat[2] : 0;
	}

	/** pid → {ppid, utime, stime}. */
	private static Map<Long, long[]> processes() {
		Map<Long, long[]> result = new HashMap<>();
		try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
			for (Path entry : entries.toList()) {
				String name = entry.getFileName().toString();
				if (!name.chars().allMatch(Character::isDigit)) {
					continue;
				}
				try {
					String stat = Files.readString(entry.resolve("stat"));
					// The command name may hold spaces and parentheses: fields follow the
					// last ')'.
					String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
					result.put(Long.parseLong(name), new long[] { Long.parseLong(fields[1]), Long.parseLong(fields[11]),
							Long.parseLong(fields[12]) });
				}
				catch (IOException | RuntimeException ex) {
					// The process ended meanwhile.
				}
			}
		}
		catch (IOException ex) {
			return result;
		}
		return result;
	}

	/** {busy, total} ticks of all processors. */
	private static long[] machine() {
		try {
			String line = Files.readAllLines(Path.of("/proc/stat")).get(0);
			List<Long> values = new ArrayList<>();
			for (String field : line.substring(4).trim().split("\\s+")) {
				values.add(Long.parseLong(field));
			}
			long total = 0;
			// user nice system idle iowait irq softirq steal (guest is inside user).
			for (int i = 0; i < Math.min(8, values.size()); i++) {
				total += values.get(i);
			}
			long idle = values.get(3) + values.get(4);
			return new long[] { total - idle, total };
		}
		catch (IOException | RuntimeException ex) {
			return new long[] { 0, 0 };
		}
	}

	record Snapshot(long nanos, long platform, long postgres, long self, long machineBusy, long machineTotal) {

		Usage since(Snapshot start) {
			double seconds = (this.nanos - start.nanos) / 1e9;
			double processors = Runtime.getRuntime().availableProcessors();
			double machineTicks = this.machineTotal - start.machineTotal;
			double busyShare = (machineTicks > 0) ? (this.machineBusy - start.machineBusy) / machineTicks : 0;
			return new Usage((this.platform - start.platform) / TICKS_PER_SECOND / seconds,
					(this.postgres - start.postgres) / TICKS_PER_SECOND / seconds,
					(this.self - start.self) / TICKS_PER_SECOND / seconds, busyShare * processors, seconds);
		}

	}

	/**
	 * Cores used on average: platform JVM, its PostgreSQL, load generator, whole machine.
	 */
	record Usage(double platform, double postgres, double loadGenerator, double machine, double seconds) {

		/**
		 * Processor time per unit of work.
		 * @param cores cores used on average
		 * @param count units of work done in the period
		 * @return milliseconds of processor time per unit
		 */
		double millisPer(double cores, long count) {
			return (count > 0) ? cores * this.seconds * 1000 / count : 0;
		}

		double others() {
			return Math.max(0, this.machine - this.platform - this.postgres - this.loadGenerator);
		}

	}

}
