#pragma once
/// Sigstore bundles (sigstore/protobuf-specs, Bundle v0.3 in the protobuf JSON mapping): a DSSE
/// envelope with its verification material, either a public key hint (the key id) or an X.509
/// certificate. kaiyuan writes bundles without transparency log entries or timestamps (it signs
/// offline); a verifier that wants neither checks them with the public key or the CA.
#include "kaiyuan/attest/envelope.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace kaiyuan::attest {

inline constexpr std::string_view k_bundle_media_type_v03 =
    "application/vnd.dev.sigstore.bundle.v0.3+json";

struct Bundle {
    std::string media_type;
    Envelope envelope;
    std::string public_key_hint;
    /// DER certificates, leaf first (v0.3 "certificate", or v0.1/v0.2 "x509CertificateChain").
    std::vector<std::string> certificates;
};

/// A v0.3 bundle of `envelope`: with `certificates` the leaf goes in "certificate", otherwise
/// `key_hint` in "publicKey".
std::string write_bundle(const Envelope& envelope, std::string_view key_hint,
                         const std::vector<std::string>& certificates);

/// Reads a bundle (v0.1 to v0.3, DSSE content only; a message-signature bundle is refused
/// saying so).
Result<Bundle> read_bundle(std::string_view json);

/// Reads either a bare DSSE envelope or a Sigstore bundle holding one.
Result<Bundle> read_envelope_or_bundle(std::string_view json);

} // namespace kaiyuan::attest
