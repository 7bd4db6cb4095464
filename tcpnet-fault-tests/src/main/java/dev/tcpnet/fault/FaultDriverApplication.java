package dev.tcpnet.fault;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * A tcpnet node for fault tests. It receives and counts numbered messages from every
 * peer, sends numbered messages when told to (by {@code fault.send.*} properties or a
 * command on standard input), and writes every peer event and every summary as one
 * {@code FAULT-…} line on standard output (see {@link Report}).
 *
 * <p>
 * Commands, one per line on standard input:
 * <ul>
 * <li>{@code send RUN TARGET COUNT RATE}: send COUNT messages (payload 1..COUNT in
 * decimal, topic RUN) to node TARGET, RATE a second (0: as fast as possible)</li>
 * <li>{@code stats ID}: one {@code FAULT-RECV} line per sender and run, the
 * {@code tcpnet.*} meters, then {@code FAULT-END id=ID}</li>
 * <li>{@code peers ID}: the connected peers</li>
 * <li>{@code cancel}: stop every send run still going</li>
 * <li>{@code exit}: stop the application</li>
 * </ul>
 */
@SpringBootApplication
@EnableConfigurationProperties(DriverProperties.class)
public class FaultDriverApplication {

	public static void main(String[] args) {
		SpringApplication.run(FaultDriverApplication.class, args);
	}

}
