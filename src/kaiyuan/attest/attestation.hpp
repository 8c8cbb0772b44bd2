#pragma once
/// Making attestations: a payload signed into a DSSE envelope by one or more signers, and the
/// in-toto statement case of it (what `kaiyuan attest`, `scan --attest` and the signing service
/// produce).
#include "kaiyuan/attest/envelope.hpp"
#include "kaiyuan/attest/signer.hpp"
#include "kaiyuan/attest/statement.hpp"

#include <memory>
#include <vector>

namespace kaiyuan::attest {

/// An envelope of `payload` with one signature over its PAE per signer (keyid: the signer's key
/// id). Each signature is checked with the signer's public key before it is returned.
Result<Envelope> sign_envelope(std::string payload_type, std::string payload,
                               const std::vector<const Signer*>& signers);
Result<Envelope> sign_envelope(std::string payload_type, std::string payload,
                               const std::vector<std::unique_ptr<Signer>>& signers);

/// make_statement + sign_envelope with the in-toto payload type.
Result<Envelope> attest_statement(const std::vector<Subject>& subjects,
                                  std::string_view predicate_type, std::string_view predicate_json,
                                  const std::vector<std::unique_ptr<Signer>>& signers);

} // namespace kaiyuan::attest
