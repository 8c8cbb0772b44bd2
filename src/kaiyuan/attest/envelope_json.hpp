#pragma once
/// The envelope reader on an already parsed JSON object (the envelope itself, or a Sigstore
/// bundle's dsseEnvelope member). Included by this module's .cpp files only: it brings simdjson.
#include "kaiyuan/attest/envelope.hpp"

#include <simdjson.h>

namespace kaiyuan::format {
class JsonOut;
}

namespace kaiyuan::attest {

Result<Envelope> envelope_from_json(simdjson::dom::element object);
/// The envelope as a JSON object where `json` expects a value (a bare envelope, or a bundle's
/// dsseEnvelope member).
void write_envelope_object(format::JsonOut& json, const Envelope& envelope);
/// Decodes standard or URL-safe base64, padded or not; fails on anything else.
bool decode_base64(std::string_view text, std::string& out);

} // namespace kaiyuan::attest
