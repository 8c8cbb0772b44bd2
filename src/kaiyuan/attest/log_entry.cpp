#include "kaiyuan/attest/log_entry.hpp"

#include "kaiyuan/attest/envelope_json.hpp"
#include "kaiyuan/attest/hex.hpp"
#include "kaiyuan/attest/merkle.hpp"
#include "kaiyuan/util/hash.hpp"
#include "kaiyuan/util/json_read.hpp"
#include "kaiyuan/util/strings.hpp"

namespace kaiyuan::attest {

namespace {

std::optional<std::uint64_t> count(simdjson::dom::element e, const char* key) {
    std::uint64_t v = 0;
    if (e[key].get(v)) return std::nullopt;
    return v;
}

} // namespace

Verified<LoggedEntry> verify_log_entry(std::string_view entry_json, const LogEntryCheck& check) {
    simdjson::dom::parser parser;
    auto doc = util::parse_json(parser, entry_json);
    if (!doc) return bad_input(doc.error().message);
    simdjson::dom::element entry = *doc;
    // The answer of POST /api/v2/sign holds the entry in "log".
    if (simdjson::dom::element log; !entry["log"].get(log)) entry = log;
    std::string leaf = util::json_string(entry, "leaf");
    auto index = count(entry, "index");
    simdjson::dom::element proof;
    if (leaf.empty() || !index || entry["proof"].get(proof))
        return bad_input(
            "not a signature log entry with a proof (index, leaf and proof are needed)");
    auto size = count(proof, "treeSize");
    auto root = from_hex(util::json_string(proof, "rootHash"));
    simdjson::dom::array path;
    if (!size || !root || root->size() != 32 || proof["inclusionProof"].get(path))
        return bad_input("the proof needs treeSize, a 32-byte rootHash and inclusionProof");
    std::vector<std::string> hashes;
    for (simdjson::dom::element h : path) {
        std::string_view text;
        std::optional<std::string> bytes;
        if (h.get(text) || !(bytes = from_hex(text)) || bytes->size() != 32)
            return bad_input("inclusionProof holds something that is not a 32-byte hex hash");
        hashes.push_back(std::move(*bytes));
    }
    // The leaf: its hash, and that it names itself with the entry's index.
    std::string leaf_hash = merkle_leaf_hash(leaf);
    if (auto stated = util::json_string(entry, "leafHash");
        !stated.empty() && stated != util::to_hex(leaf_hash))
        return verification_failed("leafHash is not SHA-256(0x00 || leaf)");
    simdjson::dom::parser leaf_parser;
    auto fields = util::parse_json(leaf_parser, leaf);
    if (!fields) return bad_input("the leaf is not JSON: " + fields.error().message);
    auto leaf_index = count(*fields, "index");
    if (!leaf_index || *leaf_index != *index)
        return verification_failed("the leaf is not entry " + std::to_string(*index));
    if (!merkle_verify_inclusion(*index, *size, leaf_hash, hashes, *root))
        return verification_failed("the inclusion proof does not lead from the leaf to the root");
    if (!check.trusted_root.empty()) {
        if (check.tree_size && *check.tree_size != *size)
            return verification_failed("the proof is for a tree of " + std::to_string(*size) +
                                       " entries, not " + std::to_string(*check.tree_size));
        if (util::to_lower(check.trusted_root) != util::to_hex(*root))
            return verification_failed("the proof's root is not the trusted root");
    }
    // The entry is the signature in hand.
    std::string signature = util::json_string(*fields, "signature");
    std::string signed_digest = util::json_string(*fields, "signedDigest");
    std::string sig_bytes;
    if (!decode_base64(signature, sig_bytes))
        return bad_input("the leaf's signature is not base64");
    if (check.envelope) {
        bool found = false;
        for (const auto& s : check.envelope->signatures)
            found = found || equal_constant_time(s.sig, sig_bytes);
        if (!found) return verification_failed("the logged signature is not one of the envelope's");
        std::string want = "sha256:" + util::digest_hex(util::DigestAlgorithm::sha256,
                                                        pae(check.envelope->payload_type,
                                                            check.envelope->payload));
        if (signed_digest != want)
            return verification_failed("the logged digest is not the envelope's PAE");
    }
    if (check.signature && !equal_constant_time(*check.signature, sig_bytes))
        return verification_failed("the logged signature is not the one given");
    if (!check.file.empty()) {
        auto colon = signed_digest.find(':');
        std::string algorithm = signed_digest.substr(0, colon == std::string::npos ? 0 : colon);
        auto digest = file_digest(check.file, algorithm);
        if (!digest) return bad_input(digest.error().message);
        if (signed_digest != algorithm + ":" + *digest)
            return verification_failed("the logged digest (" + signed_digest + ") is not " +
                                       check.file + "'s");
    }
    return LoggedEntry{static_cast<std::size_t>(*index),
                       static_cast<std::size_t>(*size),
                       util::to_hex(*root),
                       util::json_string(*fields, "key"),
                       util::json_string(*fields, "keyid"),
                       util::json_string(*fields, "time")};
}

} // namespace kaiyuan::attest
