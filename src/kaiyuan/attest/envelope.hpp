#pragma once
/// DSSE v1 (Dead Simple Signing Envelope, secure-systems-lab/dsse protocol.md and envelope.md):
/// the pre-authentication encoding that is what gets signed, and the JSON envelope
///   {"payloadType": "...", "payload": "<base64>", "signatures": [{"keyid": "...", "sig":
///   "<base64>"}]}
/// read (standard or URL-safe base64, as the protocol requires verifiers to accept) and written.
#include "kaiyuan/util/error.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kaiyuan::attest {

/// The media type of an in-toto statement inside an envelope.
inline constexpr std::string_view k_in_toto_payload_type = "application/vnd.in-toto+json";

/// PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body, with LEN the length in
/// bytes as ASCII decimal without leading zeros (protocol.md "Signature Definition").
std::string pae(std::string_view payload_type, std::string_view body);

struct EnvelopeSignature {
    std::string keyid; ///< an unauthenticated hint; never used to decide anything
    std::string sig;   ///< the signature's bytes (decoded)
};

struct Envelope {
    std::string payload_type;
    std::string payload; ///< the serialized body's bytes (decoded)
    std::vector<EnvelopeSignature> signatures;
};

/// Largest envelope read (a 10,000-component SBOM's attestation is ~20 MiB).
inline constexpr std::size_t k_max_envelope_bytes = 256u << 20;

/// Reads a JSON envelope. Fails, saying what is wrong, on anything that is not one: missing or
/// mistyped members, base64 that does not decode, no signatures.
Result<Envelope> read_envelope(std::string_view json);

/// Pretty-printed JSON (two-space indentation, members in the order above).
std::string write_envelope(const Envelope& envelope);

} // namespace kaiyuan::attest
