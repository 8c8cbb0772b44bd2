#include "kaiyuan/attest/log_entry.hpp"

#include "kaiyuan/attest/envelope_json.hpp"
#include "kaiyuan/attest/hex.hpp"
#include "kaiyuan/attest/merkle.hpp"
#include "kaiyuan/util/hash.hpp"
#include "kaiyuan/util/json_read.hpp"
#include "kaiyuan/util/strings.hpp"

#include <openssl/evp.h>

#include <fstream>
#include <memory>

namespace kaiyuan::attest {

namespace {

unexpected<VerifyError> bad(std::string message) {
    return unexpected(VerifyError{VerifyError::bad_input, std::move(message)});
}
unexpected<VerifyError> rejected(std::string message) {
    return unexpected(VerifyError{VerifyError::failed, std::move(message)});
}

std::optional<std::uint64_t> count(simdjson::dom::element e, const char* key) {
    std::uint64_t v = 0;
    if (e[key].get(v)) return std::nullopt;
    return v;
}

/// The hex digest of a file by "sha256" or "sha384", streamed.
Result<std::string> file_digest(const std::string& path, const std::string& algorithm) {
    const EVP_MD* md = algorithm == "sha256"   ? EVP_sha256()
                       : algorithm == "sha384" ? EVP_sha384()
                                               : nullptr;
    if (!md)
        return fail("the entry signed a " + algorithm + " digest, which kaiyuan does not compute");
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail(path + ": cannot read");
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    EVP_DigestInit_ex(ctx.get(), md, nullptr);
    std::string buffer(1 << 20, '\0');
    while (in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        if (in.gcount() > 0)
            EVP_DigestUpdate(ctx.get(), buffer.data(), static_cast<size_t>(in.gcount()));
    }
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestFinal_ex(ctx.get(), out, &len);
    return util::to_hex(std::string_view(reinterpret_cast<char*>(out), len));
}

} // namespace

Verified<LoggedEntry> verify_log_entry(std::string_view entry_json, const LogEntryCheck& check) {
    simdjson::dom::parser parser;
    auto doc = util::parse_json(parser, entry_json);
    if (!doc) return bad(doc.error().message);
    simdjson::dom::element entry = *doc;
    // The answer of POST /api/v2/sign holds the entry in "log".
    if (simdjson::dom::element log; !entry["log"].get(log)) entry = log;
    std::string leaf = util::json_string(entry, "leaf");
    auto index = count(entry, "index");
    simdjson::dom::element proof;
    if (leaf.empty() || !index || entry["proof"].get(proof))
        return bad("not a signature log entry with a proof (index, leaf and proof are needed)");
    auto size = count(proof, "treeSize");
    auto root = from_hex(util::json_string(proof, "rootHash"));
    simdjson::dom::array path;
    if (!size || !root || root->size() != 32 || proof["inclusionProof"].get(path))
        return bad("the proof needs treeSize, a 32-byte rootHash and inclusionProof");
    std::vector<std::string> hashes;
    for (simdjson::dom::element h : path) {
        std::string_view text;
        std::optional<std::string> bytes;
        if (h.get(text) || !(bytes = from_hex(text)) || bytes->size() != 32)
            return bad("inclusionProof holds something that is not a 32-byte hex hash");
        hashes.push_back(std::move(*bytes));
    }
    // The leaf: its hash, and that it names itself with the entry's index.
    std::string leaf_hash = merkle_leaf_hash(leaf);
    if (auto stated = util::json_string(entry, "leafHash");
        !stated.empty() && stated != util::to_hex(leaf_hash))
        return rejected("leafHash is not SHA-256(0x00 || leaf)");
    simdjson::dom::parser leaf_parser;
    auto fields = util::parse_json(leaf_parser, leaf);
    if (!fields) return bad("the leaf is not JSON: " + fields.error().message);
    auto leaf_index = count(*fields, "index");
    if (!leaf_index || *leaf_index != *index)
        return rejected("the leaf is not entry " + std::to_string(*index));
    if (!merkle_verify_inclusion(*index, *size, leaf_hash, hashes, *root))
        return rejected("the inclusion proof does not lead from the leaf to the root");
    if (!check.trusted_root.empty()) {
        if (check.tree_size && *check.tree_size != *size)
            return rejected("the proof is for a tree of " + std::to_string(*size) +
                            " entries, not " + std::to_string(*check.tree_size));
        if (util::to_lower(check.trusted_root) != util::to_hex(*root))
            return rejected("the proof's root is not the trusted root");
    }
    // The entry is the signature in hand.
    std::string signature = util::json_string(*fields, "signature");
    std::string signed_digest = util::json_string(*fields, "signedDigest");
    std::string sig_bytes;
    if (!decode_base64(signature, sig_bytes)) return bad("the leaf's signature is not base64");
    if (check.envelope) {
        bool found = false;
        for (const auto& s : check.envelope->signatures)
            found = found || equal_constant_time(s.sig, sig_bytes);
        if (!found) return rejected("the logged signature is not one of the envelope's");
        std::string want = "sha256:" + util::digest_hex(util::DigestAlgorithm::sha256,
                                                        pae(check.envelope->payload_type,
                                                            check.envelope->payload));
        if (signed_digest != want) return rejected("the logged digest is not the envelope's PAE");
    }
    if (check.signature && !equal_constant_time(*check.signature, sig_bytes))
        return rejected("the logged signature is not the one given");
    if (!check.file.empty()) {
        auto colon = signed_digest.find(':');
        std::string algorithm = signed_digest.substr(0, colon == std::string::npos ? 0 : colon);
        auto digest = file_digest(check.file, algorithm);
        if (!digest) return bad(digest.error().message);
        if (signed_digest != algorithm + ":" + *digest)
            return rejected("the logged digest (" + signed_digest + ") is not " + check.file +
                            "'s");
    }
    return LoggedEntry{static_cast<std::size_t>(*index),
                       static_cast<std::size_t>(*size),
                       util::to_hex(*root),
                       util::json_string(*fields, "key"),
                       util::json_string(*fields, "keyid"),
                       util::json_string(*fields, "time")};
}

} // namespace kaiyuan::attest
