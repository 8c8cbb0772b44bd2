/// The signing service (docs/server.md "Signing service"): keys held by the server sign a digest
/// or an in-toto statement for callers with the sign permission and a team the key allows; every
/// signature is appended to the log, whose RFC 6962 root and inclusion proofs let anyone check
/// offline that a signature was logged.
#include "kaiyuan/attest/attestation.hpp"
#include "kaiyuan/attest/hex.hpp"
#include "kaiyuan/attest/merkle.hpp"
#include "kaiyuan/server/handlers.hpp"
#include "kaiyuan/server/server.hpp"
#include "kaiyuan/server/signing_service.hpp"
#include "kaiyuan/server/views.hpp"
#include "kaiyuan/util/hash.hpp"
#include "kaiyuan/util/random.hpp"
#include "kaiyuan/util/strings.hpp"

#include <nlohmann/json.hpp>

namespace kaiyuan::server {

using nlohmann::json;

namespace {

std::string hex(std::string_view bytes) {
    return util::to_hex(bytes);
}

Response no_service() {
    return problem(404, "this server holds no signing keys (kaiyuan serve --signing-key NAME=KEY)");
}

json entry_json(const store::SignatureLogEntry& e) {
    return {{"index", e.index},         {"time", e.created_at},
            {"actor", e.actor},         {"team", e.team},
            {"key", e.key_name},        {"keyid", e.keyid},
            {"kind", e.kind},           {"signedDigest", e.signed_digest},
            {"signature", e.signature}, {"leaf", e.leaf},
            {"leafHash", e.leaf_hash}};
}

/// The tree of the first `size` leaves: its root and the inclusion proof of leaf `index`.
json proof_json(const attest::MerkleTree& tree, std::size_t index, std::size_t size) {
    json proof = json::array();
    for (const auto& h : tree.inclusion_proof(index, size))
        proof.push_back(hex(h));
    return {{"treeSize", size}, {"rootHash", hex(tree.root(size))}, {"inclusionProof", proof}};
}

/// Logs a signature and answers with the log entry and its proof against the tree that ends
/// with it.
Response logged(Context& c, json body, store::SignatureLogEntry entry) {
    auto service = c.options.signing;
    auto appended = c.store.append_signature(std::move(entry));
    if (!appended) return store_error(appended.error());
    json log = entry_json(*appended);
    auto shown = service->with_tree(c.store, [&](const attest::MerkleTree& tree) {
        std::size_t size = static_cast<std::size_t>(appended->index) + 1;
        if (tree.size() >= size) log["proof"] = proof_json(tree, size - 1, size);
    });
    if (!shown) return store_error(shown.error());
    body["log"] = log;
    return json_response(body, 201);
}

/// The service that reads the log: the server's, or (a server without signing keys still shows
/// a log that another server on the same store writes) one made for this request.
SigningService& log_reader(Context& c, std::shared_ptr<SigningService>& holder) {
    if (c.options.signing) return *c.options.signing;
    holder = std::make_shared<SigningService>();
    return *holder;
}

/// A non-negative integer query parameter; `fallback` when absent.
std::optional<std::int64_t> index_param(const Request& r, const std::string& name,
                                        std::int64_t fallback) {
    if (!r.has_param(name)) return fallback;
    std::string text = r.param(name);
    if (text.empty() || text.size() > 18 ||
        text.find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
    return std::stoll(text);
}

} // namespace

Response list_signing_keys(Context& c) {
    json items = json::array();
    if (c.options.signing)
        for (const auto& k : c.options.signing->keys()) {
            if (!c.options.signing->may_use(k, c.access, c.store)) continue;
            const attest::Key& pub = k.signer->public_key();
            items.push_back({{"name", k.name},
                             {"type", pub.type_name()},
                             {"keyid", pub.key_id()},
                             {"digestAlgorithm", pub.digest_algorithm()},
                             {"publicKey", pub.public_pem()},
                             {"teams", k.teams}});
        }
    return json_response({{"items", items}});
}

Response sign(Context& c) {
    if (!c.options.signing) return no_service();
    auto body = parse_json_body(c.request.body, "request body");
    if (!body) return problem(400, body.error().message);
    if (!body->is_object() || !(*body)["key"].is_string())
        return problem(400, "request body: 'key' (the name of a signing key) is missing");
    const SigningKey* key = c.options.signing->find((*body)["key"].get<std::string>());
    // A key the caller may not use is as good as absent: its name tells nothing.
    if (!key || !c.options.signing->may_use(*key, c.access, c.store))
        return problem(404, "no signing key '" + (*body)["key"].get<std::string>() +
                                "' that your team may use (GET /api/v2/signing-keys lists them)");
    const attest::Key& pub = key->signer->public_key();
    store::SignatureLogEntry entry;
    entry.actor = c.access.actor();
    entry.team = c.access.team;
    entry.key_name = key->name;
    entry.keyid = pub.key_id();
    bool has_digest = body->contains("digest"), has_statement = body->contains("statement");
    if (has_digest == has_statement)
        return problem(400, "request body: give either 'digest' or 'statement'");
    if (has_digest) {
        const json& d = (*body)["digest"];
        if (!d.is_object() || !d["algorithm"].is_string() || !d["value"].is_string())
            return problem(400,
                           "request body: 'digest' is {\"algorithm\": \"sha256\", \"value\": HEX}");
        std::string algorithm = d["algorithm"].get<std::string>();
        if (pub.digest_algorithm().empty())
            return problem(400, "key '" + key->name +
                                    "' is Ed25519, which signs whole messages: send a 'statement'");
        if (algorithm != pub.digest_algorithm())
            return problem(400, "key '" + key->name + "' signs " +
                                    std::string(pub.digest_algorithm()) + " digests, not " +
                                    algorithm);
        auto raw = attest::from_hex(d["value"].get<std::string>());
        if (!raw) return problem(400, "request body: digest.value is not hex");
        auto sig = key->signer->sign_digest(*raw);
        if (!sig) return problem(400, "signing: " + sig.error().message);
        entry.kind = "digest";
        entry.signed_digest = algorithm + ":" + hex(*raw);
        entry.signature = util::base64_encode(*sig);
        // (The body is made before `entry` is moved: argument order is unspecified.)
        json answer = {{"key", key->name}, {"keyid", entry.keyid}, {"signature", entry.signature}};
        return logged(c, std::move(answer), std::move(entry));
    }
    const json& st = (*body)["statement"];
    if (!st.is_object()) return problem(400, "request body: 'statement' must be a JSON object");
    std::string payload = st.dump(-1, ' ', false, json::error_handler_t::strict);
    if (auto read = attest::read_statement(payload); !read)
        return problem(400, "request body: statement: " + read.error().message);
    auto env = attest::sign_envelope(std::string(attest::k_in_toto_payload_type), payload,
                                     std::vector<const attest::Signer*>{key->signer.get()});
    if (!env) return problem(500, "signing: " + env.error().message);
    entry.kind = "statement";
    entry.signed_digest =
        "sha256:" + util::digest_hex(util::DigestAlgorithm::sha256,
                                     attest::pae(env->payload_type, env->payload));
    entry.signature = util::base64_encode(env->signatures.front().sig);
    json answer = {{"key", key->name},
                   {"keyid", entry.keyid},
                   {"envelope", json::parse(attest::write_envelope(*env))}};
    return logged(c, std::move(answer), std::move(entry));
}

Response list_signatures(Context& c) {
    auto from = index_param(c.request, "from", 0);
    if (!from) return problem(400, "from: a log index (0, 1, ...)");
    auto limit = count_param(c.request, "limit", 100, 1000);
    if (!limit) return problem(400, limit.error().message);
    auto entries = c.store.signature_log(static_cast<std::int64_t>(*from), *limit);
    if (!entries) return store_error(entries.error());
    json items = json::array();
    for (const auto& e : *entries)
        items.push_back(entry_json(e));
    json out = {{"items", items}};
    // The tree over every entry now (an empty log has size 0 and SHA-256("") as root).
    std::shared_ptr<SigningService> holder;
    auto shown = log_reader(c, holder).with_tree(c.store, [&](const attest::MerkleTree& tree) {
        out["treeSize"] = tree.size();
        out["rootHash"] = hex(tree.root(tree.size()));
    });
    if (!shown) return store_error(shown.error());
    return json_response(out);
}

Response get_signature(Context& c) {
    const std::string& text = c.request.path_params.at("index");
    if (text.empty() || text.size() > 18 ||
        text.find_first_not_of("0123456789") != std::string::npos)
        return problem(400, "the log index must be a number");
    std::int64_t index = std::stoll(text);
    auto entries = c.store.signature_log(index, 1);
    if (!entries) return store_error(entries.error());
    if (entries->empty() || entries->front().index != index)
        return problem(404, "no signature log entry " + text);
    json out = entry_json(entries->front());
    std::shared_ptr<SigningService> holder;
    std::string error;
    auto shown = log_reader(c, holder).with_tree(c.store, [&](const attest::MerkleTree& tree) {
        std::size_t size = tree.size();
        if (c.request.has_param("treeSize")) {
            auto wanted = count_param(c.request, "treeSize", size, size);
            if (!wanted || *wanted <= static_cast<std::size_t>(index)) {
                error = "treeSize must be between " + std::to_string(index + 1) + " and " +
                        std::to_string(size);
                return;
            }
            size = *wanted;
        }
        out["proof"] = proof_json(tree, static_cast<std::size_t>(index), size);
    });
    if (!shown) return store_error(shown.error());
    if (!error.empty()) return problem(400, error);
    return json_response(out);
}

} // namespace kaiyuan::server
