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

package dev.tcpnet.transport.netty;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The directory a node's Unix-domain socket file lives in, checked so that only this
 * node's user can enter it, and this host's identity as seen from it.
 *
 * <p>
 * The socket file's own mode is not enough on every platform (some ignore it on connect):
 * a socket is private because its directory is. So the directory is created with mode
 * {@code 0700}, and one that exists must belong to this user and must not be writable by
 * its group or by others: anyone who can write to it could put a socket of their own in a
 * node's place.
 *
 * @since 0.1.0
 */
public final class UnixSocketDirectory {

	private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

	private final Path path;

	private final String hostId;

	private final String networkNamespace;

	private UnixSocketDirectory(Path path, String hostId, String networkNamespace) {
		this.path = path;
		this.hostId = hostId;
		this.networkNamespace = networkNamespace;
	}

	/**
	 * Returns whether this platform has Unix-domain sockets tcpnet can use: Linux or
	 * macOS (Java 16+, which tcpnet requires anyway).
	 * @return whether they are supported
	 */
	public static boolean isSupported() {
		String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
		return os.contains("linux") || os.contains("mac");
	}

	/**
	 * Returns the default directory: {@code tcpnet} under {@code java.io.tmpdir}.
	 * @return the default directory
	 */
	public static Path defaultPath() {
		return Path.of(System.getProperty("java.io.tmpdir"), "tcpnet");
	}

	/**
	 * Creates the directory with mode {@code 0700} when it does not exist, and checks it.
	 * @param path the directory
	 * @return the checked directory
	 * @throws IllegalStateException if it cannot be created, is not a directory, belongs
	 * to another user, or is writable by its group or by others
	 */
	public static UnixSocketDirectory prepare(Path path) {
		Path absolute = path.toAbsolutePath().normalize();
		try {
			if (!Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
				Files.createDirectories(absolute, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
				// The umask may have taken permissions away; never added any
				Files.setPosixFilePermissions(absolute, OWNER_ONLY);
			}
			PosixFileAttributes attributes = Files.readAttributes(absolute, PosixFileAttributes.class,
					LinkOption.NOFOLLOW_LINKS);
			if (!attributes.isDirectory()) {
				throw new IllegalStateException(absolute + " is not a directory");
			}
			if (!isOwnedByThisProcess(absolute, attributes)) {
				throw new IllegalStateException(
						absolute + " belongs to " + attributes.owner().getName() + ", not to this process's user");
			}
			Set<PosixFilePermission> permissions = attributes.permissions();
			if (permissions.contains(PosixFilePermission.GROUP_WRITE)
					|| permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
				throw new IllegalStateException(absolute + " is writable by others (mode "
						+ PosixFilePermissions.toString(permissions) + "); make it rwx------");
			}
			String networkNamespace = networkNamespace();
			return new UnixSocketDirectory(absolute, hostId(absolute, networkNamespace), networkNamespace);
		}
		catch (IOException | UnsupportedOperationException ex) {
			throw new IllegalStateException("cannot use " + absolute + " for Unix-domain sockets: " + ex, ex);
		}
	}

	/**
	 * Returns the directory.
	 * @return the absolute directory
	 */
	public Path path() {
		return this.path;
	}

	/**
	 * Returns this host's identity as {@link dev.tcpnet.transport.TcpnetProtocol}
	 * specifies it.
	 * @return the host identity
	 */
	public String hostId() {
		return this.hostId;
	}

	/**
	 * Returns the file a node's socket has in this directory, for its TCP port: named by
	 * the port and the network namespace, so that nodes of two namespaces that share the
	 * directory never take each other's file.
	 * @param port the node's TCP port
	 * @return the socket file
	 */
	public Path socketFile(int port) {
		String namespace = this.networkNamespace.isEmpty() ? "" : "-" + this.networkNamespace;
		return this.path.resolve(port + namespace + ".sock");
	}

	/**
	 * The kernel's boot id, the network namespace and the directory's device and inode,
	 * hashed: two processes that share all of them can reach each other's socket files,
	 * and the same addresses mean the same node to both. Not the mount namespace: the
	 * directory's device and inode already tell whether both see the same directory, and
	 * a mount namespace of its own per process ({@code ip netns exec}, some launchers)
	 * would send peers that share the directory over TCP.
	 */
	static String hostId(Path directory, String networkNamespace) throws IOException {
		StringBuilder identity = new StringBuilder();
		identity.append(readOrEmpty(Path.of("/proc/sys/kernel/random/boot_id"))).append('\n');
		identity.append(networkNamespace).append('\n');
		identity.append(Files.getAttribute(directory, "unix:dev", LinkOption.NOFOLLOW_LINKS)).append(':');
		identity.append(Files.getAttribute(directory, "unix:ino", LinkOption.NOFOLLOW_LINKS));
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(identity.toString().getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * By user id where {@code /proc/self} tells this process's (a container's user may
	 * have no name), else by user name.
	 */
	private static boolean isOwnedByThisProcess(Path directory, PosixFileAttributes attributes) throws IOException {
		Path self = Path.of("/proc/self");
		if (Files.exists(self)) {
			return Files.getAttribute(self, "unix:uid")
				.equals(Files.getAttribute(directory, "unix:uid", LinkOption.NOFOLLOW_LINKS));
		}
		String user = System.getProperty("user.name");
		return user == null || user.equals(attributes.owner().getName());
	}

	/** The network namespace's inode number ({@code net:[4026531840]}), or empty. */
	private static String networkNamespace() {
		String link = linkOrEmpty(Path.of("/proc/self/ns/net"));
		return link.replaceAll("[^0-9]", "");
	}

	private static String readOrEmpty(Path file) {
		try {
			return Files.readString(file).trim();
		}
		catch (IOException | RuntimeException ex) {
			return "";
		}
	}

	private static String linkOrEmpty(@Nullable Path link) {
		try {
			return (link != null) ? Files.readSymbolicLink(link).toString() : "";
		}
		catch (IOException | RuntimeException ex) {
			return "";
		}
	}

}
