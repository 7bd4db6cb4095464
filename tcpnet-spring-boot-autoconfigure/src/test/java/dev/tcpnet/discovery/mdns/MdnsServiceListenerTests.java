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

package dev.tcpnet.discovery.mdns;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.jmdns.JmDNS;
import javax.jmdns.ServiceEvent;
import javax.jmdns.ServiceInfo;

import org.junit.jupiter.api.Test;

import dev.tcpnet.discovery.Sighting;
import dev.tcpnet.peer.LocalNode;
import dev.tcpnet.peer.NodeId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * Tests for {@link MdnsServiceListener}, with the services JmDNS would resolve.
 */
class MdnsServiceListenerTests {

	private static final int LINK = 7;

	private static final String TYPE = "_tcpnet._tcp.local.";

	private final LocalNode self = new LocalNode(NodeId.of("self"), "c", 1, 4000, List.of());

	private final List<Sighting> sightings = new CopyOnWriteArrayList<>();

	@Test
	void linkLocalIpv6AddressGetsTheScopeOfTheLinkItWasHeardOn() throws Exception {
		MdnsServiceListener listener = new MdnsServiceListener(this.self, TYPE, this.sightings::add,
				Inet6Address.getByAddress(null, InetAddress.getByName("fe80::1").getAddress(), LINK));
		listener.serviceResolved(resolved(InetAddress.getByName("fe80::2")));
		assertThat(this.sightings).singleElement()
			.extracting((sighting) -> sighting.addresses().get(0))
			.satisfies((address) -> {
				assertThat(address.getAddress()).isEqualTo(InetAddress.getByName("fe80::2"));
				assertThat(((Inet6Address) address.getAddress()).getScopeId()).isEqualTo(LINK);
				assertThat(address.getPort()).isEqualTo(5000);
			});
	}

	@Test
	void linkLocalIpv6AddressHeardOnIpv4IsLeftOut() throws Exception {
		MdnsServiceListener listener = new MdnsServiceListener(this.self, TYPE, this.sightings::add,
				InetAddress.getByName("192.168.1.10"));
		listener.serviceResolved(resolved(InetAddress.getByName("fe80::2")));
		assertThat(this.sightings).isEmpty();
	}

	@Test
	void otherIpv6AddressesAreKeptAsTheyAre() throws Exception {
		MdnsServiceListener listener = new MdnsServiceListener(this.self, TYPE, this.sightings::add,
				Inet6Address.getByAddress(null, InetAddress.getByName("::1").getAddress(), 1));
		listener.serviceResolved(resolved(InetAddress.getByName("::1")));
		assertThat(this.sightings).singleElement()
			.extracting((sighting) -> sighting.addresses())
			.isEqualTo(List.of(new InetSocketAddress(InetAddress.getByName("::1"), 5000)));
	}

	@Test
	void nodeOfThisClusterProbingIsDialedAtTheProbesSource() throws Exception {
		MdnsServiceListener listener = onLoopback();
		InetAddress from = InetAddress.getByName("127.0.0.2");
		listener.probed(probe(TYPE, hostOf("c", "peer"), from));
		assertThat(this.sightings).singleElement().satisfies((sighting) -> {
			assertThat(sighting.nodeId()).isNull();
			assertThat(sighting.mechanism()).isEqualTo(MdnsPeerDiscovery.MECHANISM);
			assertThat(sighting.addresses()).containsExactly(new InetSocketAddress(from, 5000));
		});
	}

	@Test
	void probesOfOtherClustersOfThisNodeAndOfOtherTypesAreIgnored() throws Exception {
		MdnsServiceListener listener = onLoopback();
		InetAddress from = InetAddress.getByName("127.0.0.2");
		listener.probed(probe(TYPE, hostOf("c-2", "peer"), from));
		listener.probed(probe(TYPE, hostOf("c", "self"), from));
		listener.probed(probe("_other._tcp.local.", hostOf("c", "peer"), from));
		listener.probed(probe(TYPE, "printer.local.", from));
		assertThat(this.sightings).isEmpty();
	}

	@Test
	void probeFromALinkLocalAddressGetsTheScopeOfTheLink() throws Exception {
		MdnsServiceListener listener = new MdnsServiceListener(this.self, TYPE, this.sightings::add,
				Inet6Address.getByAddress(null, InetAddress.getByName("fe80::1").getAddress(), LINK));
		listener.probed(probe(TYPE, hostOf("c", "peer"), InetAddress.getByName("fe80::2")));
		assertThat(this.sightings).singleElement()
			.satisfies((sighting) -> assertThat(((Inet6Address) sighting.addresses().get(0).getAddress()).getScopeId())
				.isEqualTo(LINK));
	}

	@Test
	void probesAreIgnoredOnceDeactivated() throws Exception {
		MdnsServiceListener listener = onLoopback();
		listener.deactivate();
		listener.probed(probe(TYPE, hostOf("c", "peer"), InetAddress.getByName("127.0.0.2")));
		assertThat(this.sightings).isEmpty();
	}

	@Test
	void resolutionsAreAskedForOffJmdnsEventThread() throws Exception {
		MdnsServiceListener listener = onLoopback();
		JmDNS dns = mock(JmDNS.class);
		Map<String, String> askedOn = askedOn(dns);
		listener.serviceAdded(added(dns, "c-peer"));
		await().until(() -> askedOn.containsKey("c-peer"));
		assertThat(askedOn.get("c-peer")).startsWith("tcpnet-mdns-resolve-");
		listener.deactivate();
	}

	@Test
	void aServiceAlreadyResolvedIsNotAskedFor() throws Exception {
		MdnsServiceListener listener = onLoopback();
		JmDNS dns = mock(JmDNS.class);
		Map<String, String> askedOn = askedOn(dns);
		listener.serviceResolved(resolved(InetAddress.getByName("::1")));
		listener.serviceAdded(added(dns, "c-peer"));
		listener.serviceAdded(added(dns, "c-other"));
		// One thread, in order: once the second is asked for, the first was passed over.
		await().until(() -> askedOn.containsKey("c-other"));
		assertThat(askedOn).doesNotContainKey("c-peer");
		listener.deactivate();
	}

	@Test
	void nothingIsAskedForOnceDeactivated() throws Exception {
		MdnsServiceListener listener = onLoopback();
		JmDNS dns = mock(JmDNS.class);
		listener.deactivate();
		listener.serviceAdded(added(dns, "c-peer"));
		verify(dns, never()).requestServiceInfo(anyString(), anyString(), anyLong());
	}

	private static Map<String, String> askedOn(JmDNS dns) {
		Map<String, String> askedOn = new ConcurrentHashMap<>();
		willAnswer((invocation) -> askedOn.put(invocation.getArgument(1), Thread.currentThread().getName())).given(dns)
			.requestServiceInfo(anyString(), anyString(), anyLong());
		return askedOn;
	}

	private static ServiceEvent added(JmDNS dns, String name) {
		ServiceInfo info = mock(ServiceInfo.class);
		given(info.getKey()).willReturn(name + "._tcpnet._tcp.local.");
		ServiceEvent event = mock(ServiceEvent.class);
		given(event.getDNS()).willReturn(dns);
		given(event.getType()).willReturn(TYPE);
		given(event.getName()).willReturn(name);
		given(event.getInfo()).willReturn(info);
		return event;
	}

	private MdnsServiceListener onLoopback() throws Exception {
		return new MdnsServiceListener(this.self, TYPE, this.sightings::add, InetAddress.getByName("127.0.0.1"));
	}

	private static String hostOf(String cluster, String nodeId) {
		return MdnsPeerDiscovery.hostName(new LocalNode(NodeId.of(nodeId), cluster, 1, 4000, List.of())) + ".local.";
	}

	private static PromptProbing.ProbedService probe(String type, String host, InetAddress from) {
		return new PromptProbing.ProbedService(type, "c-peer", host, 5000, from);
	}

	private static ServiceEvent resolved(InetAddress ipv6) {
		ServiceInfo info = mock(ServiceInfo.class);
		given(info.getKey()).willReturn("c-peer._tcpnet._tcp.local.");
		given(info.getName()).willReturn("c-peer");
		given(info.getPort()).willReturn(5000);
		given(info.getPropertyString(MdnsServiceListener.ID)).willReturn("peer");
		given(info.getPropertyString(MdnsServiceListener.CLUSTER)).willReturn("c");
		given(info.getInet4Addresses()).willReturn(new Inet4Address[0]);
		given(info.getInet6Addresses()).willReturn(new Inet6Address[] { (Inet6Address) ipv6 });
		ServiceEvent event = mock(ServiceEvent.class);
		given(event.getInfo()).willReturn(info);
		return event;
	}

}
