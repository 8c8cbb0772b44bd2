// Recognising an SBOM by what it says, not by where it says it: JSON documents are told apart
// by their top-level members (any order, any whitespace, as `jq -S` writes them), never by
// searching the text, so a sorted or re-indented document is what it was.
#include "kaiyuan/format/format.hpp"

#include "kaiyuan/util/strings.hpp"

#include <simdjson.h>

#include <cctype>

namespace kaiyuan::format {

namespace {

constexpr std::string_view k_expected_json =
    "expected CycloneDX (\"bomFormat\": \"CycloneDX\"), SPDX 2.x (\"spdxVersion\"), SPDX 3 "
    "(\"@context\" naming spdx.org/rdf/3) or kaiyuan JSON (\"schema\" naming kaiyuan)";

/// The members that tell the JSON formats apart, read from the top-level object only.
struct TopLevel {
    bool object = false;
    std::string bom_format, spec_version, spdx_version, schema;
    std::vector<std::string> contexts; ///< "@context": a string or an array of strings
    bool kaiyuan = false;              ///< the "kaiyuan" member kaiyuan's own JSON carries
};

std::string string_of(simdjson::ondemand::value v) {
    std::string_view sv;
    if (v.get_string().get(sv)) return {};
    return std::string(sv);
}

Result<TopLevel> top_level(std::string_view text) {
    simdjson::padded_string padded(text);
    simdjson::ondemand::parser parser;
    simdjson::ondemand::document doc;
    if (auto err = parser.iterate(padded).get(doc))
        return fail(std::string("invalid JSON: ") + simdjson::error_message(err));
    simdjson::ondemand::object object;
    TopLevel top;
    if (auto err = doc.get_object().get(object)) {
        if (err == simdjson::INCORRECT_TYPE) return top; // an array or a scalar: no SBOM
        if (err == simdjson::INCOMPLETE_ARRAY_OR_OBJECT)
            return fail("invalid JSON: the document ends at byte " + std::to_string(text.size()) +
                        " before its objects and arrays close (truncated?)");
        return fail(std::string("invalid JSON: ") + simdjson::error_message(err));
    }
    top.object = true;
    for (auto field : object) {
        std::string_view key;
        if (auto err = field.unescaped_key().get(key))
            return fail(std::string("invalid JSON: ") + simdjson::error_message(err));
        simdjson::ondemand::value value;
        if (auto err = field.value().get(value))
            return fail(std::string("invalid JSON: ") + simdjson::error_message(err));
        if (key == "bomFormat")
            top.bom_format = string_of(value);
        else if (key == "specVersion")
            top.spec_version = string_of(value);
        else if (key == "spdxVersion")
            top.spdx_version = string_of(value);
        else if (key == "schema")
            top.schema = string_of(value);
        else if (key == "kaiyuan")
            top.kaiyuan = true;
        else if (key == "@context") {
            simdjson::ondemand::array list;
            if (!value.get_array().get(list)) {
                for (auto item : list) {
                    std::string_view sv;
                    if (!item.get_string().get(sv)) top.contexts.emplace_back(sv);
                }
            } else {
                top.contexts.push_back(string_of(value));
            }
        }
        // Other members are skipped unread by the on-demand parser.
    }
    // The on-demand parser does not validate what it skips: the format's reader parses the
    // whole document and refuses malformed or trailing content.
    return top;
}

Result<Detection> detect_json(std::string_view text) {
    auto top = top_level(text);
    if (!top) return unexpected(top.error());
    if (!top->object)
        return fail("JSON whose top level is not an object is not an SBOM; " +
                    std::string(k_expected_json));
    if (!top->bom_format.empty()) {
        if (top->bom_format != "CycloneDX")
            return fail("bomFormat is \"" + top->bom_format + "\", not \"CycloneDX\"");
        return Detection{Format::cyclonedx_json, top->spec_version};
    }
    if (!top->spdx_version.empty()) return Detection{Format::spdx_json, top->spdx_version};
    for (const auto& c : top->contexts)
        if (c.find("spdx.org/rdf/3") != std::string::npos) return Detection{Format::spdx3_json, c};
    if (top->kaiyuan || top->schema.find("kaiyuan") != std::string::npos)
        return Detection{Format::json, top->schema};
    return fail("JSON that is not a known SBOM format; " + std::string(k_expected_json));
}

} // namespace

Result<Detection> inspect(std::string_view text) {
    std::string_view head = util::trim(text.substr(0, 4096));
    if (head.starts_with('{') || head.starts_with('[')) return detect_json(text);
    if (head.starts_with('<')) {
        // The CycloneDX namespace carries the version: http://cyclonedx.org/schema/bom/1.6
        constexpr std::string_view ns = "cyclonedx.org/schema/bom/";
        auto at = text.find(ns);
        if (at == std::string_view::npos)
            return fail("XML that is not a CycloneDX BOM (no cyclonedx.org/schema/bom namespace)");
        std::string_view rest = text.substr(at + ns.size());
        std::size_t n = 0;
        while (n < rest.size() && n < 8 &&
               (std::isdigit(static_cast<unsigned char>(rest[n])) || rest[n] == '.'))
            ++n;
        return Detection{Format::cyclonedx_xml, std::string(rest.substr(0, n))};
    }
    if (auto at = head.find("SPDXVersion:"); at != std::string_view::npos) {
        auto line = head.substr(at + 12);
        line = line.substr(0, line.find('\n'));
        return Detection{Format::spdx_tv, std::string(util::trim(line))};
    }
    if (head.empty()) return fail("empty input is not an SBOM");
    return fail("not a known SBOM format: expected JSON (CycloneDX, SPDX 2.x, SPDX 3, kaiyuan), "
                "CycloneDX XML or SPDX tag-value");
}

Result<Format> detect(std::string_view text) {
    auto d = inspect(text);
    if (!d) return unexpected(d.error());
    return d->format;
}

} // namespace kaiyuan::format
