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

package dev.tcpnet.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations tcpnet makes, their names and their low-cardinality keys. With
 * Micrometer's {@code DefaultMeterObservationHandler} (Spring Boot registers it with
 * Actuator) each is also a timer of the same name, tagged with these keys and
 * {@code error}.
 *
 * @since 0.1.0
 */
public enum TcpnetObservationDocumentation implements ObservationDocumentation {

	/**
	 * Sending a message, from {@code Tcpnet.send} until the peer acknowledged it (or it
	 * was dropped): the acknowledgement delay.
	 */
	SEND {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultTcpnetSendObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeyNames.values();
		}

	},

	/**
	 * Handing a message to the application ({@code TopicListener} or
	 * {@code PeerMessageEvent} listeners), or answering a request
	 * ({@code RequestHandler}), on the receiving node.
	 */
	RECEIVE {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultTcpnetReceiveObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeyNames.values();
		}

	},

	/** A request, from {@code Tcpnet.request} until its reply: the request latency. */
	REQUEST {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultTcpnetRequestObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeyNames.values();
		}

	};

	/**
	 * The low-cardinality keys. Node ids are never a key: a cluster's nodes come and go.
	 */
	public enum LowCardinalityKeyNames implements KeyName {

		/**
		 * How it ended: {@code SUCCESS}, {@code DROPPED} (never delivered),
		 * {@code TIMEOUT} (no reply in time), {@code FAILED} (the peer refused or its
		 * handler failed) or {@code ERROR} (a listener or handler of this node threw).
		 */
		OUTCOME {

			@Override
			public String asString() {
				return "tcpnet.outcome";
			}

		},

		/** {@code message} or {@code request}. */
		KIND {

			@Override
			public String asString() {
				return "tcpnet.kind";
			}

		},

		/**
		 * The topic; only with {@code tcpnet.observations.include-topic=true}, since an
		 * application may use any number of topics. Otherwise {@code none}.
		 */
		TOPIC {

			@Override
			public String asString() {
				return "tcpnet.topic";
			}

		}

	}

}
