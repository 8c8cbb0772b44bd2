#include "kaiyuan/attest/envelope.hpp"

#include "kaiyuan/attest/envelope_json.hpp"
#include "kaiyuan/format/json_out.hpp"
#include "kaiyuan/util/json_read.hpp"
#include "kaiyuan/util/random.hpp"

namespace kaiyuan::attest {

std::string pae(std::string_view payload_type, std::string_view body) {
    std::string out;
    out.reserve(payload_type.size() + body.size() + 32);
    out += "DSSEv1 ";
    out += std::to_string(payload_type.size());
    out += ' ';
    out += payload_type;
    out += ' ';
    out += std::to_string(body.size());
    out += ' ';
    out += body;
    return out;
}

bool decode_base64(std::string_view text, std::string& out) {
    // util::base64_decode takes both alphabets; a lone trailing character (6 bits, no byte)
    // means a truncated text, which it would let through.
    std::size_t significant = 0;
    for (char c : text)
        if (c != '=' && c != '\n' && c != '\r' && c != ' ' && c != '\t') ++significant;
    if (significant % 4 == 1) return false;
    return util::base64_decode(text, out);
}

Result<Envelope> envelope_from_json(simdjson::dom::element object) {
    if (!object.is_object()) return fail("an envelope is a JSON object");
    Envelope env;
    std::string_view text;
    if (object["payloadType"].get(text)) return fail("no \"payloadType\" string");
    env.payload_type = std::string(text);
    if (object["payload"].get(text)) return fail("no \"payload\" string");
    if (!decode_base64(text, env.payload)) return fail("\"payload\" is not base64");
    simdjson::dom::array signatures;
    if (object["signatures"].get(signatures)) return fail("no \"signatures\" array");
    std::size_t index = 0;
    for (simdjson::dom::element item : signatures) {
        std::string where = "signatures[" + std::to_string(index++) + "]";
        if (!item.is_object()) return fail(where + " is not an object");
        EnvelopeSignature sig;
        if (item["sig"].get(text)) return fail(where + " has no \"sig\" string");
        if (!decode_base64(text, sig.sig) || sig.sig.empty())
            return fail(where + ".sig is not base64");
        simdjson::dom::element keyid;
        if (!item["keyid"].get(keyid)) {
            if (keyid.get(text)) return fail(where + ".keyid is not a string");
            sig.keyid = std::string(text);
        }
        env.signatures.push_back(std::move(sig));
    }
    if (env.signatures.empty()) return fail("the envelope has no signatures");
    return env;
}

Result<Envelope> read_envelope(std::string_view json) {
    if (json.size() > k_max_envelope_bytes)
        return fail("envelope larger than " + std::to_string(k_max_envelope_bytes >> 20) + " MiB");
    simdjson::dom::parser parser;
    auto doc = util::parse_json(parser, json);
    if (!doc) return fail(doc.error().message);
    // A Sigstore bundle is not an envelope: say what to do rather than "no payloadType".
    std::string_view media;
    if (!(*doc)["mediaType"].get(media) && !(*doc)["dsseEnvelope"].error())
        return fail("this is a Sigstore bundle (" + std::string(media) +
                    "), not a bare envelope: read it as a bundle");
    return envelope_from_json(*doc);
}

void write_envelope_object(format::JsonOut& json, const Envelope& envelope) {
    json.begin_object();
    json.field("payloadType", envelope.payload_type);
    json.field("payload", util::base64_encode(envelope.payload));
    json.key("signatures").begin_array();
    for (const auto& sig : envelope.signatures) {
        json.begin_object();
        json.field_if("keyid", sig.keyid);
        json.field("sig", util::base64_encode(sig.sig));
        json.end_object();
    }
    json.end_array();
    json.end_object();
}

std::string write_envelope(const Envelope& envelope) {
    std::string out;
    format::JsonOut json(out);
    write_envelope_object(json, envelope);
    out += '\n';
    return out;
}

} // namespace kaiyuan::attest
