package dev.tcpnet.transport;

import org.jspecify.annotations.Nullable;

/**
 * Whether a connection whose handshake checks passed may become its pair's connection, and if
 * not, why ({@link TransportListener#admit}).
 *
 * @param refusal why it is refused, or {@code null} when it is admitted
 * @param message the reason in words, for the log lines on both sides
 */
public record Admission(@Nullable RejectReason refusal, String message) {

	private static final Admission ADMITTED = new Admission(null, "admitted");

	/**
	 * Returns the admission of a connection.
	 * @return the admission
	 */
	public static Admission admitted() {
		return ADMITTED;
	}

	/**
	 * Returns the refusal of a connection.
	 * @param reason why
	 * @param message why, in words
	 * @return the refusal
	 */
	public static Admission refused(RejectReason reason, String message) {
		return new Admission(reason, message);
	}

	/**
	 * Returns whether the connection is admitted.
	 * @return whether it is admitted
	 */
	public boolean isAdmitted() {
		return this.refusal == null;
	}

}
