package dev.tcpnet.benchmarks.driver;

/**
 * A measurement could not complete (a process did not answer in time, or died).
 */
class BenchmarkException extends RuntimeException {

	BenchmarkException(String message) {
		super(message);
	}

}
