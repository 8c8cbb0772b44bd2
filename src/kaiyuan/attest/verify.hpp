#pragma once
/// Verification of DSSE envelopes and in-toto attestations (protocol.md "Multi-signature
/// Verification"): an envelope is valid when its signatures over the PAE verify against at least
/// `threshold` distinct trusted keys; an attestation is valid when, in addition, its payload is
/// an in-toto statement of the expected predicate type whose subjects include every file given.
/// Key id hints in the envelope are never trusted: every signature is tried with every key.
#include "kaiyuan/attest/envelope.hpp"
#include "kaiyuan/attest/key.hpp"
#include "kaiyuan/attest/statement.hpp"

#include <string>
#include <vector>

namespace kaiyuan::attest {

/// Why verification did not succeed: the evidence does not hold (exit 1), or the input could
/// not be read as evidence at all (exit 2).
struct VerifyError {
    enum Kind { failed, bad_input } kind = failed;
    std::string message;
};
template <class T> using Verified = expected<T, VerifyError>;
inline unexpected<VerifyError> verification_failed(std::string message) {
    return unexpected(VerifyError{VerifyError::failed, std::move(message)});
}
inline unexpected<VerifyError> bad_input(std::string message) {
    return unexpected(VerifyError{VerifyError::bad_input, std::move(message)});
}

/// The indexes into `keys` of the distinct keys whose signature verified, in key order; fails
/// when fewer than `threshold` (at least 1) distinct public keys signed. Two entries of `keys`
/// with the same public key count once.
Verified<std::vector<std::size_t>> verify_envelope(const Envelope& envelope,
                                                   const std::vector<const Key*>& keys,
                                                   std::size_t threshold = 1);

struct AttestationCheck {
    std::size_t threshold = 1;
    /// --type: a short name or URI the predicate type must match; empty: any.
    std::string predicate_type;
    /// Files that must each be a subject (by SHA-256 of their content).
    std::vector<std::string> subject_files;
};

struct VerifiedAttestation {
    Statement statement;
    std::vector<std::size_t> signer_keys; ///< indexes into the keys given
};

Verified<VerifiedAttestation> verify_attestation(const Envelope& envelope,
                                                 const std::vector<const Key*>& keys,
                                                 const AttestationCheck& check);

/// Constant-time equality of two strings of the same length (lengths are not secret).
bool equal_constant_time(std::string_view a, std::string_view b);

} // namespace kaiyuan::attest
