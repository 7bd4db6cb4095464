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

package dev.tcpnet.support;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemGenerationException;

/**
 * Real X.509 material for tests: a certificate authority and node certificates it signs,
 * written as PEM files that a Spring Boot PEM SSL bundle reads.
 */
public final class TestCertificates {

	private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

	private final String name;

	private final KeyPair keys;

	private final X509Certificate certificate;

	private TestCertificates(String name, KeyPair keys, X509Certificate certificate) {
		this.name = name;
		this.keys = keys;
		this.certificate = certificate;
	}

	/**
	 * Creates a certificate authority.
	 * @param name the authority's common name
	 * @return the authority
	 */
	public static TestCertificates authority(String name) {
		KeyPair keys = newKeyPair();
		X500Name subject = new X500Name("CN=" + name);
		return new TestCertificates(name, keys, sign(subject, keys, subject, keys, true));
	}

	/**
	 * Writes the authority's certificate as a PEM file (the trust material of a bundle).
	 * @param dir where to write
	 * @return the file
	 */
	public Path writeCertificate(Path dir) {
		return write(dir.resolve(this.name + "-ca.crt"), this.certificate);
	}

	/**
	 * Issues a certificate for a node, usable as TLS server and client, and writes its
	 * certificate and private key as PEM files.
	 * @param dir where to write
	 * @param node the node's common name
	 * @return the certificate and key files
	 */
	public NodeFiles issue(Path dir, String node) {
		KeyPair keys = newKeyPair();
		X509Certificate issued = sign(new X500Name("CN=" + node), keys, new X500Name("CN=" + this.name), this.keys,
				false);
		return new NodeFiles(node, write(dir.resolve(node + ".crt"), issued),
				write(dir.resolve(node + ".key"), pkcs8(keys)));
	}

	private static X509Certificate sign(X500Name subject, KeyPair subjectKeys, X500Name issuer, KeyPair issuerKeys,
			boolean authority) {
		try {
			Instant now = Instant.now();
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
					BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(Duration.ofHours(1))),
					Date.from(now.plus(Duration.ofDays(2))), subject, subjectKeys.getPublic());
			builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
			if (authority) {
				builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
			}
			else {
				builder.addExtension(Extension.keyUsage, true,
						new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
				builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
						new KeyPurposeId[] { KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth }));
			}
			ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate());
			return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
		}
		catch (IOException | GeneralSecurityException | OperatorCreationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	// PKCS#8 ("BEGIN PRIVATE KEY"), the form every PEM reader agrees on.
	private static Object pkcs8(KeyPair keys) {
		try {
			return new JcaPKCS8Generator(keys.getPrivate(), null).generate();
		}
		catch (PemGenerationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static KeyPair newKeyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(256);
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Path write(Path file, Object pem) {
		try {
			StringWriter text = new StringWriter();
			try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
				writer.writeObject(pem);
			}
			return Files.writeString(file, text.toString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A node's certificate and private key files.
	 *
	 * @param node the node id the certificate names (its subject common name)
	 * @param certificate the certificate PEM file
	 * @param privateKey the private key PEM file
	 */
	public record NodeFiles(String node, Path certificate, Path privateKey) {

		/**
		 * Returns the properties of a PEM bundle named {@code mesh} that trusts the given
		 * authority file, tcpnet's property that uses it, and the node id the certificate
		 * names.
		 * @param trust the trusted certificate(s) PEM file
		 * @return the properties
		 */
		public String[] bundle(Path trust) {
			return new String[] { "spring.ssl.bundle.pem.mesh.keystore.certificate=file:" + this.certificate,
					"spring.ssl.bundle.pem.mesh.keystore.private-key=file:" + this.privateKey,
					"spring.ssl.bundle.pem.mesh.truststore.certificate=file:" + trust,
					"spring.ssl.bundle.pem.mesh.reload-on-update=true",
					"spring.ssl.bundle.watch.file.quiet-period=100ms", "tcpnet.ssl.bundle=mesh",
					"tcpnet.node-id=" + this.node };
		}

	}

}
