package io.mirrorguard.rules.model;

import java.time.Instant;

/**
 * What the X.509 DER of a certificate says, parsed by the collector with the JDK.
 *
 * @param keyAlgorithm       e.g. RSA
 * @param signatureAlgorithm e.g. SHA256withRSA
 * @param sha1Thumbprint     SHA-1 of the DER, hex upper case (must equal sys.certificates.thumbprint)
 * @param derBase64          the DER itself, so a remediation plan can CREATE CERTIFICATE ... FROM BINARY without files
 */
public record CertificateDetails(
        String keyAlgorithm,
        int keyBits,
        String signatureAlgorithm,
        Instant notBefore,
        Instant notAfter,
        String subjectDn,
        String issuerDn,
        String sha1Thumbprint,
        String derBase64) {}
