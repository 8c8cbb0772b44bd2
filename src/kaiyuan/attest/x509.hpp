#pragma once
/// X.509 for code signing (OpenSSL): certificate chains read from PEM, verified against trusted
/// roots with the checks a code-signing verifier makes (validity dates, chain to a root,
/// digitalSignature key usage when present, the code-signing extended key usage), and small
/// certificates issued from a local CA for tests and small setups (`kaiyuan key certify`).
#include "kaiyuan/attest/key.hpp"

#include <ctime>
#include <optional>
#include <string>
#include <vector>

namespace kaiyuan::attest {

/// Every certificate of a PEM text, as DER, in order; fails when there is none or one is broken.
Result<std::vector<std::string>> read_certificates_pem(std::string_view pem);
/// A DER certificate as PEM.
std::string certificate_pem(std::string_view der);
/// The public key of a DER certificate.
Result<Key> certificate_key(std::string_view der);
/// "CN=..., O=..." of a DER certificate's subject (RFC 2253 order).
std::string certificate_subject(std::string_view der);

/// Verifies `chain` (leaf first, then intermediates, which are untrusted) up to one of the
/// certificates in `roots_pem`, at `at` (default: now). Fails, saying which check, when the
/// chain does not reach a root, a certificate is expired or not yet valid, the leaf lacks the
/// code-signing extended key usage, or its key usage excludes digital signatures.
Result<void> verify_code_signing_chain(const std::vector<std::string>& chain,
                                       std::string_view roots_pem,
                                       std::optional<std::time_t> at = std::nullopt);

struct CertificateRequest {
    std::string subject; ///< "CN=name,O=org" (comma-separated RDNs)
    int days = 365;
    bool is_ca = false; ///< a CA certificate (basicConstraints CA, keyCertSign); else code signing
    std::string email;  ///< optional subjectAltName email
};

/// A certificate for `subject_key` signed by `issuer_key` with `issuer_cert_der` as issuer; a
/// self-signed one when `issuer_cert_der` is empty (the subject key must then be the issuer
/// key). Returns DER.
Result<std::string> issue_certificate(const Key& subject_key, const Key& issuer_key,
                                      std::string_view issuer_cert_der,
                                      const CertificateRequest& request);

} // namespace kaiyuan::attest
