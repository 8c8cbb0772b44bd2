#include "kaiyuan/attest/verify.hpp"

#include <openssl/crypto.h>

namespace kaiyuan::attest {

bool equal_constant_time(std::string_view a, std::string_view b) {
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

Verified<std::vector<std::size_t>> verify_envelope(const Envelope& envelope,
                                                   const std::vector<const Key*>& keys,
                                                   std::size_t threshold) {
    if (threshold == 0) threshold = 1;
    // Distinct public keys: the first entry of each stands for all its copies.
    std::vector<std::size_t> distinct;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        bool seen = false;
        for (std::size_t j : distinct)
            seen = seen || keys[j]->same_public_key(*keys[i]);
        if (!seen) distinct.push_back(i);
    }
    if (distinct.size() < threshold)
        return bad_input("threshold " + std::to_string(threshold) + " but only " +
                         std::to_string(distinct.size()) + " distinct key(s) given");
    const std::string signed_bytes = pae(envelope.payload_type, envelope.payload);
    std::vector<std::size_t> accepted;
    for (std::size_t i : distinct)
        for (const auto& sig : envelope.signatures)
            if (keys[i]->verify(signed_bytes, sig.sig)) {
                accepted.push_back(i);
                break;
            }
    if (accepted.size() < threshold) {
        if (threshold == 1)
            return verification_failed(
                "no signature of the envelope verifies with the key" +
                std::string(keys.size() > 1 ? "s" : "") +
                " given (wrong key, or the payload or its type was changed)");
        return verification_failed(
            std::to_string(accepted.size()) + " of " + std::to_string(distinct.size()) +
            " distinct keys signed; the threshold is " + std::to_string(threshold));
    }
    return accepted;
}

Verified<VerifiedAttestation> verify_attestation(const Envelope& envelope,
                                                 const std::vector<const Key*>& keys,
                                                 const AttestationCheck& check) {
    auto signers = verify_envelope(envelope, keys, check.threshold);
    if (!signers) return unexpected(signers.error());
    // Only now is the payload authentic; everything below reads authenticated bytes.
    if (envelope.payload_type != k_in_toto_payload_type)
        return verification_failed("the payload type is \"" + envelope.payload_type + "\", not " +
                                   std::string(k_in_toto_payload_type));
    auto statement = read_statement(envelope.payload);
    if (!statement)
        return verification_failed("signed, but not an in-toto statement: " +
                                   statement.error().message);
    if (!check.predicate_type.empty() &&
        !predicate_type_matches(check.predicate_type, statement->predicate_type))
        return verification_failed("the predicate type is " + statement->predicate_type + ", not " +
                                   check.predicate_type);
    for (const auto& path : check.subject_files) {
        auto file = file_subject(path, path);
        if (!file) return bad_input(file.error().message);
        std::string want = file->digest("sha256");
        bool found = false;
        for (const auto& s : statement->subjects)
            found = equal_constant_time(s.digest("sha256"), want) || found;
        if (!found)
            return verification_failed(
                path + " (sha256:" + want +
                ") is not a subject of the attestation (changed since it was signed?)");
    }
    return VerifiedAttestation{std::move(*statement), std::move(*signers)};
}

} // namespace kaiyuan::attest
