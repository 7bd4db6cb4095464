/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package dev.tcpnet.benchmarks.driver;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What every section of the suite shares.
 */
abstract class Bench {

	static final Duration ANSWER = Duration.ofSeconds(30);

	final Options options;

	final Launcher launcher;

	final Namespaces namespaces;

	final Results results;

	Bench(Options options, Launcher launcher, Namespaces namespaces, Results results) {
		this.options = options;
		this.launcher = launcher;
		this.namespaces = namespaces;
		this.results = results;
	}

	abstract void run();

	/**
	 * A cluster name of its own for every run.
	 * @param prefix the name's start
	 * @return the cluster name
	 */
	static String cluster(String prefix) {
		byte[] random = new byte[4];
		ThreadLocalRandom.current().nextBytes(random);
		return prefix + "-" + HexFormat.of().formatHex(random);
	}

	/**
	 * Runs alternate which system goes first, so a drift of the machine hurts both alike.
	 * @param <T> the type of the systems
	 * @param run the run's number
	 * @param first one system
	 * @param second the other system
	 * @return both systems, in this run's order
	 */
	static <T> List<T> order(int run, T first, T second) {
		return (run % 2 == 1) ? List.of(first, second) : List.of(second, first);
	}

	/**
	 * Runs rotate which system goes first, so a drift of the machine hurts all alike.
	 * @param <T> the type of the systems
	 * @param run the run's number, from 1
	 * @param systems the systems
	 * @return the systems, in this run's order
	 */
	static <T> List<T> order(int run, List<T> systems) {
		List<T> rotated = new ArrayList<>(systems);
		Collections.rotate(rotated, -((run - 1) % systems.size()));
		return rotated;
	}

	static void sleep(double seconds) {
		try {
			Thread.sleep((long) (seconds * 1000));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new BenchmarkException("interrupted");
		}
	}

	static void log(String format, Object... args) {
		System.out.printf("  %s  %s%n", LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")),
				String.format(format, args));
	}

	static void closeAll(List<Child> children) {
		children.forEach(Child::close);
	}

}
