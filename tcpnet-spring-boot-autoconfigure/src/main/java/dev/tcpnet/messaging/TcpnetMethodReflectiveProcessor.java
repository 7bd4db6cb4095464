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

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.aot.hint.annotation.ReflectiveProcessor;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;

import dev.tcpnet.Topic;
import dev.tcpnet.message.Headers;
import dev.tcpnet.peer.Peer;

/**
 * Registers what a native image needs for a {@link dev.tcpnet.TcpnetListener} or
 * {@link dev.tcpnet.TcpnetRequestHandler} method: the method, invoked reflectively, and
 * the binding of its payload and reply types, which JSON reads and writes reflectively.
 * Spring's AOT processing runs it for every annotated method of a bean, as it does for
 * {@code @EventListener} and {@code @MessageMapping}.
 *
 * @since 0.1.0
 */
public class TcpnetMethodReflectiveProcessor implements ReflectiveProcessor {

	private static final Set<Class<?>> NOT_PAYLOADS = Set.of(Peer.class, Headers.class, byte[].class, String.class,
			void.class, Void.class, Object.class);

	private final BindingReflectionHintsRegistrar bindings = new BindingReflectionHintsRegistrar();

	@Override
	public void registerReflectionHints(ReflectionHints hints, AnnotatedElement element) {
		if (!(element instanceof Method method)) {
			return;
		}
		hints.registerMethod(method, ExecutableMode.INVOKE);
		for (int i = 0; i < method.getParameterCount(); i++) {
			MethodParameter parameter = new MethodParameter(method, i);
			if (!parameter.hasParameterAnnotation(Topic.class)) {
				registerBinding(hints, ResolvableType.forMethodParameter(parameter).getType());
			}
		}
		registerBinding(hints, replyType(method));
	}

	// A CompletionStage<T> replies with a T.
	private static Type replyType(Method method) {
		ResolvableType type = ResolvableType.forMethodReturnType(method);
		if (CompletionStage.class.isAssignableFrom(type.toClass())) {
			// The generic as resolved, not CompletionStage's type variable.
			return type.as(CompletionStage.class).getGeneric(0).resolve(Object.class);
		}
		return type.getType();
	}

	private void registerBinding(ReflectionHints hints, Type type) {
		if (!NOT_PAYLOADS.contains(ResolvableType.forType(type).toClass())) {
			this.bindings.registerReflectionHints(hints, type);
		}
	}

}
