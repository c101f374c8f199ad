package org.bearerguard.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Certificates for real TLS with client certificates, made with the JDK alone (a small DER writer, no keytool, no
 * extra library): a test CA, a server certificate for {@code localhost} and {@code 127.0.0.1}, and client
 * certificates {@code right} and {@code other}, all signed by the CA. {@link #main} writes them into a folder as
 * PKCS #12 files, each protected by {@link #PASSWORD}:
 *
 * <ul>
 *   <li>{@code server.p12}: the server's key entry {@code server} (chain: server, CA) and the trusted CA entry
 *       {@code ca}: the key store and the trust store of both servers;</li>
 *   <li>{@code trust.p12}: the CA alone, the client's trust store;</li>
 *   <li>{@code right.p12}, {@code other.p12}: a client's key entry (chain: client, CA).</li>
 * </ul>
 *
 * <p>Run by exec-maven-plugin before the integration tests: {@code main <folder>}.
 */
public final class TestCertificates {

    /** The password of every file: Payara's default master password, so Payara opens them without being told. */
    public static final String PASSWORD = "changeit";
    public static final String SERVER = "server";
    public static final String RIGHT = "right";
    public static final String OTHER = "other";

    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestCertificates() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: <folder>");
        }
        write(Path.of(args[0]));
    }

    /** Writes a fresh CA, server and client certificates into {@code dir}; see the class comment. */
    public static void write(Path dir) throws IOException, GeneralSecurityException {
        Files.createDirectories(dir);
        var caKeys = rsa();
        var caName = name("bearer-guard test CA");
        var ca = sign(caName, caKeys, caName, caKeys, true, null,
                extension(BASIC_CONSTRAINTS, true, seq(bool(true))),
                extension(KEY_USAGE, true, flags(0x06)));  // keyCertSign, cRLSign

        var trust = emptyStore();
        trust.setCertificateEntry("ca", ca);
        store(trust, dir.resolve("trust.p12"));

        var serverKeys = rsa();
        var server = sign(name("localhost"), serverKeys, caName, caKeys, false, SERVER_AUTH,
                extension(SUBJECT_ALT_NAME, false, seq(
                        tlv(0x82, "localhost".getBytes(StandardCharsets.US_ASCII)),
                        tlv(0x87, InetAddress.getByName("127.0.0.1").getAddress()))));
        var serverStore = emptyStore();
        serverStore.setKeyEntry(SERVER, serverKeys.getPrivate(), PASSWORD.toCharArray(),
                new X509Certificate[] {server, ca});
        serverStore.setCertificateEntry("ca", ca);
        store(serverStore, dir.resolve("server.p12"));

        for (var client : List.of(RIGHT, OTHER)) {
            var keys = rsa();
            var cert = sign(name(client), keys, caName, caKeys, false, CLIENT_AUTH);
            var clientStore = emptyStore();
            clientStore.setKeyEntry(client, keys.getPrivate(), PASSWORD.toCharArray(),
                    new X509Certificate[] {cert, ca});
            store(clientStore, dir.resolve(client + ".p12"));
        }
    }

    /** The certificate of {@code client} ({@link #RIGHT} or {@link #OTHER}) as {@link #write} left it in {@code dir}. */
    public static X509Certificate certificate(Path dir, String client) {
        try {
            return (X509Certificate) load(dir.resolve(client + ".p12")).getCertificate(client);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 8705 §3.1 {@code x5t#S256}: base64url (no padding) of the SHA-256 of the certificate's DER. */
    public static String thumbprint(X509Certificate certificate) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A client's TLS context: trusts the test CA only (so the server must present the certificate {@link #write}
     * made), and presents the certificate of {@code client}, or none when {@code client} is null.
     */
    public static SSLContext clientContext(Path dir, String client) {
        try {
            var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(load(dir.resolve("trust.p12")));
            var context = SSLContext.getInstance("TLS");
            if (client == null) {
                context.init(null, trust.getTrustManagers(), null);
            } else {
                var keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(load(dir.resolve(client + ".p12")), PASSWORD.toCharArray());
                context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
            }
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyStore load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            var store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException("no key store at " + file + " (written by TestCertificates.main)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyStore emptyStore() throws IOException, GeneralSecurityException {
        var store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }

    private static void store(KeyStore store, Path file) throws IOException, GeneralSecurityException {
        var tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (var out = Files.newOutputStream(tmp)) {
            store.store(out, PASSWORD.toCharArray());
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static KeyPair rsa() throws GeneralSecurityException {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    // --- X.509 v3 (RFC 5280 §4.1), DER -----------------------------------------------------------------------

    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String KEY_USAGE = "2.5.29.15";
    private static final String EXTENDED_KEY_USAGE = "2.5.29.37";
    private static final String SUBJECT_ALT_NAME = "2.5.29.17";
    private static final String SUBJECT_KEY_ID = "2.5.29.14";
    private static final String AUTHORITY_KEY_ID = "2.5.29.35";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String SHA256_WITH_RSA = "1.2.840.113549.1.1.11";
    private static final String COMMON_NAME = "2.5.4.3";

    /**
     * A certificate for {@code subjectKeys}, signed SHA256withRSA by {@code issuerKeys}: for an end entity with
     * {@code extendedKeyUsage} and key usage digitalSignature, keyEncipherment.
     */
    private static X509Certificate sign(byte[] subject, KeyPair subjectKeys, byte[] issuer, KeyPair issuerKeys,
            boolean ca, String extendedKeyUsage, byte[]... extraExtensions) throws GeneralSecurityException {
        var algorithm = seq(oid(SHA256_WITH_RSA), new byte[] {0x05, 0x00});
        var issuerPublic = issuerKeys.getPublic();
        var now = Instant.now();
        var extensions = new ByteArrayOutputStream();
        extensions.writeBytes(concat(extraExtensions));
        extensions.writeBytes(extension(SUBJECT_KEY_ID, false, tlv(0x04, keyId(subjectKeys.getPublic()))));
        extensions.writeBytes(extension(AUTHORITY_KEY_ID, false, seq(tlv(0x80, keyId(issuerPublic)))));
        if (!ca) {
            extensions.writeBytes(extension(KEY_USAGE, true, flags(0xa0)));  // digitalSignature, keyEncipherment
            extensions.writeBytes(extension(EXTENDED_KEY_USAGE, false, seq(oid(extendedKeyUsage))));
        }
        var tbs = seq(
                tlv(0xa0, integer(BigInteger.TWO)),
                integer(new BigInteger(63, RANDOM).add(BigInteger.ONE)),
                algorithm,
                issuer,
                seq(time(now.minus(Duration.ofDays(1))), time(now.plus(Duration.ofDays(30)))),
                subject,
                subjectKeys.getPublic().getEncoded(),
                tlv(0xa3, seq(extensions.toByteArray())));
        var signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(issuerKeys.getPrivate());
        signer.update(tbs);
        var der = seq(tbs, algorithm, bitString(signer.sign()));
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    }

    /** RFC 7093 §2 method 4 style: the leftmost 160 bits of the SHA-256 of the whole SubjectPublicKeyInfo. */
    private static byte[] keyId(PublicKey key) throws GeneralSecurityException {
        return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()), 20);
    }

    private static byte[] name(String commonName) {
        return seq(tlv(0x31, seq(oid(COMMON_NAME), tlv(0x0c, commonName.getBytes(StandardCharsets.UTF_8)))));
    }

    private static byte[] extension(String id, boolean critical, byte[] value) {
        return critical ? seq(oid(id), bool(true), tlv(0x04, value)) : seq(oid(id), tlv(0x04, value));
    }

    private static byte[] time(Instant instant) {
        return tlv(0x17, UTC_TIME.format(instant).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] bool(boolean value) {
        return tlv(0x01, new byte[] {(byte) (value ? 0xff : 0)});
    }

    private static byte[] integer(BigInteger value) {
        return tlv(0x02, value.toByteArray());
    }

    /** A BIT STRING of whole bytes (a signature). */
    private static byte[] bitString(byte[] bits) {
        var content = new byte[bits.length + 1];
        System.arraycopy(bits, 0, content, 1, bits.length);
        return tlv(0x03, content);
    }

    /** Named bits in one byte (key usage), as DER wants them: without the trailing zero bits. */
    private static byte[] flags(int bits) {
        return tlv(0x03, new byte[] {(byte) Integer.numberOfTrailingZeros(bits), (byte) bits});
    }

    private static byte[] oid(String dotted) {
        var arcs = dotted.split("\\.");
        var out = new ByteArrayOutputStream();
        out.write(Integer.parseInt(arcs[0]) * 40 + Integer.parseInt(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            long arc = Long.parseLong(arcs[i]);
            var base128 = new ByteArrayOutputStream();
            base128.write((int) (arc & 0x7f));
            arc >>>= 7;
            while (arc > 0) {
                base128.write((int) (0x80 | (arc & 0x7f)));
                arc >>>= 7;
            }
            var bytes = base128.toByteArray();
            for (int j = bytes.length - 1; j >= 0; j--) {
                out.write(bytes[j]);
            }
        }
        return tlv(0x06, out.toByteArray());
    }

    private static byte[] seq(byte[]... parts) {
        return tlv(0x30, concat(parts));
    }

    private static byte[] concat(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        for (var part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] tlv(int tag, byte[] content) {
        var out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}
