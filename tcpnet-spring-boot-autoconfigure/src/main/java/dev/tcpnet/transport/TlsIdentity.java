package dev.tcpnet.transport;

/**
 * Whether a peer's node id must be named by its TLS certificate.
 */
public enum TlsIdentity {

	/** Any certificate the trust material accepts may claim any node id. */
	NONE,

	/**
	 * The node id a peer claims must be its certificate's subject common name or one of its DNS
	 * subject alternative names.
	 */
	SUBJECT

}
