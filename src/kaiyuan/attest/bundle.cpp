#include "kaiyuan/attest/bundle.hpp"

#include "kaiyuan/attest/envelope_json.hpp"
#include "kaiyuan/format/json_out.hpp"
#include "kaiyuan/util/json_read.hpp"
#include "kaiyuan/util/random.hpp"

namespace kaiyuan::attest {

namespace {

Result<std::string> raw_bytes(simdjson::dom::element e, const std::string& where) {
    std::string_view text;
    if (e["rawBytes"].get(text)) return fail(where + " has no \"rawBytes\" string");
    std::string der;
    if (!decode_base64(text, der) || der.empty()) return fail(where + ".rawBytes is not base64");
    return der;
}

Result<Bundle> bundle_from_json(simdjson::dom::element doc) {
    Bundle b;
    std::string_view text;
    if (doc["mediaType"].get(text)) return fail("the bundle has no \"mediaType\"");
    b.media_type = std::string(text);
    if (!b.media_type.starts_with("application/vnd.dev.sigstore.bundle"))
        return fail("\"mediaType\" is " + b.media_type + ", not a Sigstore bundle");
    simdjson::dom::element envelope;
    if (doc["dsseEnvelope"].get(envelope)) {
        if (!doc["messageSignature"].error())
            return fail("the bundle holds a message signature, not a DSSE envelope (kaiyuan "
                        "verifies attestations; use `kaiyuan verify` for detached signatures)");
        return fail("the bundle has no \"dsseEnvelope\"");
    }
    auto env = envelope_from_json(envelope);
    if (!env) return fail("dsseEnvelope: " + env.error().message);
    b.envelope = std::move(*env);
    simdjson::dom::element material;
    if (doc["verificationMaterial"].get(material) || !material.is_object())
        return fail("the bundle has no \"verificationMaterial\" object");
    simdjson::dom::element part;
    if (!material["publicKey"].get(part)) {
        b.public_key_hint = util::json_string(part, "hint");
    } else if (!material["certificate"].get(part)) {
        auto der = raw_bytes(part, "verificationMaterial.certificate");
        if (!der) return fail(der.error().message);
        b.certificates.push_back(std::move(*der));
    } else if (!material["x509CertificateChain"].get(part)) {
        simdjson::dom::array certs;
        if (part["certificates"].get(certs))
            return fail("verificationMaterial.x509CertificateChain has no \"certificates\" array");
        std::size_t i = 0;
        for (simdjson::dom::element c : certs) {
            auto der =
                raw_bytes(c, "x509CertificateChain.certificates[" + std::to_string(i++) + "]");
            if (!der) return fail(der.error().message);
            b.certificates.push_back(std::move(*der));
        }
    } else {
        return fail("verificationMaterial has no publicKey, certificate or x509CertificateChain");
    }
    return b;
}

} // namespace

std::string write_bundle(const Envelope& envelope, std::string_view key_hint,
                         const std::vector<std::string>& certificates) {
    std::string out;
    format::JsonOut json(out);
    json.begin_object();
    json.field("mediaType", k_bundle_media_type_v03);
    json.key("verificationMaterial").begin_object();
    if (!certificates.empty()) {
        json.key("certificate").begin_object();
        json.field("rawBytes", util::base64_encode(certificates.front()));
        json.end_object();
    } else {
        json.key("publicKey").begin_object().field("hint", key_hint).end_object();
    }
    json.key("tlogEntries").begin_array().end_array();
    json.end_object();
    json.key("dsseEnvelope");
    write_envelope_object(json, envelope);
    json.end_object();
    out += '\n';
    return out;
}

Result<Bundle> read_bundle(std::string_view json) {
    auto any = read_envelope_or_bundle(json);
    if (any && any->media_type.empty()) return fail("a bare DSSE envelope, not a Sigstore bundle");
    return any;
}

Result<Bundle> read_envelope_or_bundle(std::string_view json) {
    if (json.size() > k_max_envelope_bytes)
        return fail("larger than " + std::to_string(k_max_envelope_bytes >> 20) + " MiB");
    simdjson::dom::parser parser;
    auto doc = util::parse_json(parser, json);
    if (!doc) return fail(doc.error().message);
    if (!doc->is_object())
        return fail("neither a DSSE envelope nor a Sigstore bundle (not a JSON object)");
    if (!(*doc)["mediaType"].error()) return bundle_from_json(*doc);
    auto env = envelope_from_json(*doc);
    if (!env) return fail(env.error().message);
    Bundle b;
    b.envelope = std::move(*env);
    return b;
}

} // namespace kaiyuan::attest
