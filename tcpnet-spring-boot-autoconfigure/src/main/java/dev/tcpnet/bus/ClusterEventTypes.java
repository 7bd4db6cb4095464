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

package dev.tcpnet.bus;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationEvent;

/**
 * Which types are {@link ClusterEvent}s: the check on the sending side (cached per class,
 * as every event published on the node passes it) and the guarded resolution of type
 * names received from peers.
 */
final class ClusterEventTypes {

	private static final Pattern BINARY_NAME = Pattern.compile(
			"\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");

	private static final ClassValue<Boolean> MARKED = new ClassValue<>() {

		@Override
		protected Boolean computeValue(Class<?> type) {
			// Declared on the type itself: a subclass of an event type is another type,
			// and
			// travels only if it says so.
			return type.isAnnotationPresent(ClusterEvent.class);
		}

	};

	private final ClassLoader classLoader;

	// Only types that passed the check: bounded by the marked classes on the class path,
	// whatever names peers send.
	private final Map<String, Class<?>> resolved = new ConcurrentHashMap<>();

	ClusterEventTypes(ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	/**
	 * Returns whether instances of a type leave the node when published.
	 * @param type the type of a published payload or event
	 * @return whether it is marked {@link ClusterEvent}
	 */
	static boolean isMarked(Class<?> type) {
		return MARKED.get(type);
	}

	/**
	 * Resolves the type of an event received from a peer.
	 * @param name the type's binary name, as the peer sent it
	 * @return the type
	 * @throws IllegalArgumentException if the name is not a class on this node's class
	 * path marked {@link ClusterEvent}
	 */
	Class<?> resolve(String name) {
		Class<?> known = this.resolved.get(name);
		if (known != null) {
			return known;
		}
		Class<?> type = load(name);
		// The guard against deserialization gadgets: a peer names the class the payload
		// becomes, so only a class that the application marked as a cluster event may be
		// instantiated from the wire, never any class that happens to be on the class
		// path.
		if (!isMarked(type)) {
			throw new IllegalArgumentException(name + " is not marked @ClusterEvent on this node");
		}
		if (ApplicationEvent.class.isAssignableFrom(type)) {
			throw new IllegalArgumentException(name + " is an ApplicationEvent, which cannot travel");
		}
		this.resolved.put(name, type);
		return type;
	}

	private Class<?> load(String name) {
		if (!BINARY_NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("'" + name + "' is not a class name");
		}
		try {
			// Without initializing it: loading runs none of the class's code, and a class
			// that fails the check above is never used.
			return Class.forName(name, false, this.classLoader);
		}
		catch (ClassNotFoundException | LinkageError ex) {
			throw new IllegalArgumentException(name + " is not on this node's class path");
		}
	}

}
