#include "kaiyuan/attest/attestation.hpp"

namespace kaiyuan::attest {

Result<Envelope> sign_envelope(std::string payload_type, std::string payload,
                               const std::vector<std::unique_ptr<Signer>>& signers) {
    std::vector<const Signer*> plain;
    for (const auto& s : signers)
        plain.push_back(s.get());
    return sign_envelope(std::move(payload_type), std::move(payload), plain);
}

Result<Envelope> sign_envelope(std::string payload_type, std::string payload,
                               const std::vector<const Signer*>& signers) {
    if (signers.empty()) return fail("no signing key");
    Envelope env{std::move(payload_type), std::move(payload), {}};
    const std::string signed_bytes = pae(env.payload_type, env.payload);
    for (const auto& signer : signers) {
        auto sig = signer->sign(signed_bytes);
        if (!sig) return fail(signer->describe() + ": " + sig.error().message);
        if (!signer->public_key().verify(signed_bytes, *sig))
            return fail(signer->describe() + ": the new signature does not verify");
        env.signatures.push_back({signer->public_key().key_id(), std::move(*sig)});
    }
    return env;
}

Result<Envelope> attest_statement(const std::vector<Subject>& subjects,
                                  std::string_view predicate_type, std::string_view predicate_json,
                                  const std::vector<std::unique_ptr<Signer>>& signers) {
    auto statement = make_statement(subjects, predicate_type, predicate_json);
    if (!statement) return unexpected(statement.error());
    return sign_envelope(std::string(k_in_toto_payload_type), std::move(*statement), signers);
}

} // namespace kaiyuan::attest
