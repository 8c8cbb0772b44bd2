#include "kaiyuan/attest/statement.hpp"

#include "kaiyuan/format/json_out.hpp"
#include "kaiyuan/util/json_read.hpp"
#include "kaiyuan/util/strings.hpp"

#include <openssl/evp.h>

#include <array>
#include <fstream>
#include <memory>

namespace kaiyuan::attest {

namespace {

struct PredicateName {
    std::string_view name;
    std::string_view uri;
    std::string_view also; ///< another URI producers write for the same predicate, or ""
};

/// The URIs of in-toto/attestation spec/predicates (spdx.md, cyclonedx.md), OpenVEX, SLSA v1,
/// and cosign's vulnerability scan type; SPDX 2.3 as cosign and the issue name it.
constexpr std::array<PredicateName, 8> k_predicates{{
    {"spdx", "https://spdx.dev/Document", "https://spdx.dev/Document/v2.3"},
    {"spdx3", "https://spdx.dev/Document/v3.0", ""},
    {"cyclonedx", "https://cyclonedx.org/bom", "https://cyclonedx.org/bom/v1.6"},
    {"openvex", "https://openvex.dev/ns", "https://openvex.dev/ns/v0.2.0"},
    {"vuln", "https://cosign.sigstore.dev/attestation/vuln/v1", ""},
    {"slsa-provenance", "https://slsa.dev/provenance/v1", ""},
    {"link", "https://in-toto.io/attestation/link/v0.3", ""},
    {"test-result", "https://in-toto.io/attestation/test-result/v0.1", ""},
}};

bool is_absolute_uri(std::string_view s) {
    auto colon = s.find(':');
    if (colon == std::string_view::npos || colon == 0) return false;
    for (char c : s.substr(0, colon))
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.')
            return false;
    return colon + 1 < s.size();
}

} // namespace

std::string Subject::digest(std::string_view algorithm) const {
    for (const auto& [alg, hex] : digests)
        if (alg == algorithm) return hex;
    return {};
}

std::optional<std::string> predicate_type_uri(std::string_view name) {
    for (const auto& p : k_predicates)
        if (p.name == name) return std::string(p.uri);
    if (is_absolute_uri(name)) return std::string(name);
    return std::nullopt;
}

bool predicate_type_matches(std::string_view wanted, std::string_view actual) {
    for (const auto& p : k_predicates)
        if (p.name == wanted) return actual == p.uri || (!p.also.empty() && actual == p.also);
    return wanted == actual;
}

Result<std::string> file_digest(const std::string& path, std::string_view algorithm) {
    const EVP_MD* md = algorithm == "sha256"   ? EVP_sha256()
                       : algorithm == "sha384" ? EVP_sha384()
                                               : nullptr;
    if (!md) return fail("kaiyuan does not compute " + std::string(algorithm) + " digests");
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail(path + ": cannot read");
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    if (!ctx || EVP_DigestInit_ex(ctx.get(), md, nullptr) != 1)
        return fail(std::string(algorithm) + " is not available");
    std::string buffer(1 << 20, '\0');
    while (in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        if (in.gcount() > 0)
            EVP_DigestUpdate(ctx.get(), buffer.data(), static_cast<size_t>(in.gcount()));
    }
    if (in.bad()) return fail(path + ": read error");
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestFinal_ex(ctx.get(), out, &len);
    return util::to_hex(std::string_view(reinterpret_cast<char*>(out), len));
}

Result<Subject> file_subject(const std::string& path, std::string name) {
    auto digest = file_digest(path, "sha256");
    if (!digest) return unexpected(digest.error());
    Subject s;
    s.name = std::move(name);
    s.digests.emplace_back("sha256", std::move(*digest));
    return s;
}

Result<std::string> make_statement(const std::vector<Subject>& subjects,
                                   std::string_view predicate_type,
                                   std::string_view predicate_json) {
    if (subjects.empty()) return fail("a statement needs at least one subject");
    std::string minified(predicate_json.size() + simdjson::SIMDJSON_PADDING, '\0');
    size_t minified_len = 0;
    // simdjson's minifier does not validate; the parser does.
    {
        simdjson::dom::parser parser;
        auto doc = util::parse_json(parser, predicate_json);
        if (!doc) return fail("the predicate is not JSON: " + doc.error().message);
    }
    if (simdjson::minify(predicate_json.data(), predicate_json.size(), minified.data(),
                         minified_len))
        return fail("the predicate cannot be minified");
    minified.resize(minified_len);
    std::string out;
    out.reserve(minified.size() + 512);
    format::JsonOut json(out, true);
    json.begin_object();
    json.field("_type", k_statement_type_v1);
    json.key("subject").begin_array();
    for (const auto& s : subjects) {
        json.begin_object();
        json.field("name", s.name);
        json.key("digest").begin_object();
        for (const auto& [alg, hex] : s.digests)
            json.field(alg, hex);
        json.end_object();
        json.end_object();
    }
    json.end_array();
    json.field("predicateType", predicate_type);
    json.key("predicate").raw(minified);
    json.end_object();
    return out;
}

Result<Statement> read_statement(std::string_view text) {
    simdjson::dom::parser parser;
    auto doc = util::parse_json(parser, text);
    if (!doc) return fail("the payload is not JSON: " + doc.error().message);
    if (!doc->is_object()) return fail("the payload is not a JSON object");
    Statement st;
    std::string_view sv;
    if ((*doc)["_type"].get(sv))
        return fail("the payload has no \"_type\": not an in-toto statement");
    st.type = std::string(sv);
    if (!st.type.starts_with("https://in-toto.io/Statement/"))
        return fail("\"_type\" is " + st.type + ", not an in-toto statement");
    if ((*doc)["predicateType"].get(sv)) return fail("the statement has no \"predicateType\"");
    st.predicate_type = std::string(sv);
    simdjson::dom::array subjects;
    if ((*doc)["subject"].get(subjects)) return fail("the statement has no \"subject\" array");
    std::size_t index = 0;
    for (simdjson::dom::element item : subjects) {
        std::string where = "subject[" + std::to_string(index++) + "]";
        Subject s;
        s.name = util::json_string(item, "name");
        simdjson::dom::object digest;
        if (item["digest"].get(digest)) return fail(where + " has no \"digest\" object");
        for (auto field : digest) {
            if (field.value.get(sv))
                return fail(where + ".digest." + std::string(field.key) + " is not a string");
            s.digests.emplace_back(std::string(field.key), util::to_lower(sv));
        }
        if (s.digests.empty()) return fail(where + " has an empty digest");
        st.subjects.push_back(std::move(s));
    }
    if (st.subjects.empty()) return fail("the statement has no subjects");
    return st;
}

} // namespace kaiyuan::attest
