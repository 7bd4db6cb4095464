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

package dev.tcpnet.messaging;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;

import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

import dev.tcpnet.Topic;
import dev.tcpnet.message.Headers;
import dev.tcpnet.peer.Peer;

/**
 * An annotated method and what each of its parameters receives, worked out once at start:
 * a {@link Peer}, a {@link Topic @Topic} string, or (at most one) the payload.
 */
final class ListenerMethod {

	private final Object bean;

	private final Method method;

	private final Kind[] kinds;

	private final @Nullable Type payloadType;

	private final String description;

	/**
	 * Works out the parameters of a method.
	 * @param bean the bean (a proxy, if it is one)
	 * @param method the method to call on it
	 * @param targetClass the class the method was found on, to resolve generic types
	 * @throws IllegalStateException if a parameter cannot be told apart
	 */
	ListenerMethod(Object bean, Method method, Class<?> targetClass) {
		this.bean = bean;
		this.method = method;
		this.description = ClassUtils.getQualifiedMethodName(method, targetClass);
		this.kinds = new Kind[method.getParameterCount()];
		Type payload = null;
		for (int i = 0; i < this.kinds.length; i++) {
			MethodParameter parameter = new MethodParameter(method, i);
			this.kinds[i] = kindOf(parameter);
			if (this.kinds[i] == Kind.PAYLOAD) {
				if (payload != null) {
					throw new IllegalStateException("Method " + this.description
							+ " has two payload parameters; mark the topic's with @Topic, a Peer needs none");
				}
				payload = ResolvableType.forMethodParameter(method, i, targetClass).getType();
			}
		}
		this.payloadType = payload;
		ReflectionUtils.makeAccessible(method);
	}

	private Kind kindOf(MethodParameter parameter) {
		if (parameter.hasParameterAnnotation(Topic.class)) {
			if (parameter.getParameterType() != String.class) {
				throw new IllegalStateException(
						"Method " + this.description + ": the @Topic parameter must be a String");
			}
			return Kind.TOPIC;
		}
		if (parameter.getParameterType() == Headers.class) {
			return Kind.HEADERS;
		}
		return (parameter.getParameterType() == Peer.class) ? Kind.PEER : Kind.PAYLOAD;
	}

	/** The type the payload converts to, or {@code null} when no parameter takes it. */
	@Nullable Type payloadType() {
		return this.payloadType;
	}

	/**
	 * Calls the method.
	 * @return what it returned
	 * @throws Exception what it threw
	 */
	@Nullable Object invoke(Inbound inbound) throws Exception {
		Object[] arguments = new Object[this.kinds.length];
		for (int i = 0; i < arguments.length; i++) {
			arguments[i] = this.kinds[i].argument(inbound);
		}
		try {
			return this.method.invoke(this.bean, arguments);
		}
		catch (InvocationTargetException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof Exception exception) {
				throw exception;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw ex;
		}
	}

	@Override
	public String toString() {
		return this.description;
	}

	/** What a parameter receives. */
	enum Kind {

		PAYLOAD {
			@Override
			@Nullable Object argument(Inbound inbound) {
				return inbound.payload();
			}
		},

		PEER {
			@Override
			Object argument(Inbound inbound) {
				return inbound.peer();
			}
		},

		TOPIC {
			@Override
			Object argument(Inbound inbound) {
				return inbound.topic();
			}
		},

		HEADERS {
			@Override
			Object argument(Inbound inbound) {
				return inbound.headers();
			}
		};

		abstract @Nullable Object argument(Inbound inbound);

	}

}
