#include "kaiyuan/license/license_data.hpp"
#include "kaiyuan/util/strings.hpp"

#include "kaiyuan/license/index.hpp"
#include "kaiyuan/license/license_list.hpp"
#include "kaiyuan/license/templates.hpp"
#include "kaiyuan/model/license_expression.hpp"
#include "kaiyuan/util/files.hpp"
#include "kaiyuan/util/json_read.hpp"

#include <filesystem>

namespace kaiyuan::license {

namespace {

namespace fs = std::filesystem;

/// How one of the two lists is spelled in license-list-data's JSON.
struct ListShape {
    const char* file;     ///< the summary: licenses.json
    const char* array;    ///< its array: "licenses"
    const char* id_key;   ///< "licenseId"
    const char* details;  ///< the folder of one file per entry: "details"
    const char* text_key; ///< the text in that file: "licenseText"
};

const ListShape& shape_of(ListKind kind) {
    static constexpr ListShape k_licenses{"licenses.json", "licenses", "licenseId", "details",
                                          "licenseText"};
    static constexpr ListShape k_exceptions{"exceptions.json", "exceptions", "licenseExceptionId",
                                            "exceptions", "licenseExceptionText"};
    return kind == ListKind::licenses ? k_licenses : k_exceptions;
}

bool json_bool(simdjson::dom::element e, const char* key) {
    bool b = false;
    return !e[key].get(b) && b;
}

model::Diagnostic skipped(const std::string& path, std::string message) {
    model::Diagnostic d;
    d.severity = model::Severity::warning;
    d.location.path = path;
    d.message = std::move(message);
    return d;
}

/// Reads one list (the summary file and every entry's details file) into `data`.
Result<void> read_list(const fs::path& json_dir, ListKind kind, LicenseListData& data) {
    const ListShape& shape = shape_of(kind);
    const std::string list_path = (json_dir / shape.file).string();
    auto bytes = util::read_file(list_path, 64u << 20);
    if (!bytes) return unexpected(bytes.error());
    auto index = parse_license_list_index(*bytes, kind, list_path);
    if (!index) return unexpected(index.error());
    if (data.version.empty()) data.version = index->version;
    data.diagnostics.insert(data.diagnostics.end(), index->diagnostics.begin(),
                            index->diagnostics.end());
    auto& out = kind == ListKind::licenses ? data.licenses : data.exceptions;
    for (auto& e : kind == ListKind::licenses ? index->licenses : index->exceptions) {
        const std::string details_path = (json_dir / shape.details / (e.id + ".json")).string();
        auto details = util::read_file(details_path, 16u << 20);
        Result<LicenseDetails> text = details ? parse_license_details_with_template(*details, kind)
                                              : Result<LicenseDetails>(unexpected(details.error()));
        if (!text) {
            data.diagnostics.push_back(
                skipped(details_path, e.id + " left out: " + text.error().message));
            continue;
        }
        e.text = std::move(text->text);
        e.match_text = std::move(text->match_text);
        e.header = std::move(text->header);
        out.push_back(std::move(e));
    }
    return {};
}

} // namespace

Result<LicenseListData> parse_license_list_index(std::string_view json, ListKind kind,
                                                 const std::string& path) {
    const ListShape& shape = shape_of(kind);
    simdjson::dom::parser parser;
    auto doc = util::parse_json(parser, json);
    if (!doc) return unexpected(with_context(path, doc.error()));
    simdjson::dom::array entries;
    if ((*doc)[shape.array].get(entries))
        return fail(path + ": no \"" + shape.array + "\" array: not an SPDX license list");
    LicenseListData data;
    data.version = util::json_string(*doc, "licenseListVersion");
    auto& out = kind == ListKind::licenses ? data.licenses : data.exceptions;
    for (simdjson::dom::element entry : entries) {
        LicenseListData::Entry e;
        e.id = util::json_string(entry, shape.id_key);
        // "GPL-2.0+" and its like are deprecated ids of the list itself.
        std::string_view bare = e.id;
        if (bare.ends_with('+')) bare.remove_suffix(1);
        if (!model::is_idstring(bare)) {
            data.diagnostics.push_back(skipped(
                path, "an entry without a valid \"" + std::string(shape.id_key) + "\" left out"));
            continue;
        }
        e.name = util::json_string(entry, "name");
        e.osi_approved = json_bool(entry, "isOsiApproved");
        e.deprecated = json_bool(entry, "isDeprecatedLicenseId");
        out.push_back(std::move(e));
    }
    return data;
}

Result<std::string> parse_license_details(std::string_view json, ListKind kind) {
    auto details = parse_license_details_with_template(json, kind);
    if (!details) return unexpected(details.error());
    return std::move(details->text);
}

Result<LicenseDetails> parse_license_details_with_template(std::string_view json, ListKind kind) {
    const ListShape& shape = shape_of(kind);
    simdjson::dom::parser parser;
    auto doc = util::parse_json(parser, json);
    if (!doc) return unexpected(doc.error());
    LicenseDetails out;
    out.text = util::json_string(*doc, shape.text_key);
    if (out.text.empty()) return fail(std::string("no \"") + shape.text_key + "\"");
    // Licenses carry standardLicenseTemplate; exceptions licenseExceptionTemplate.
    std::string tmpl = util::json_string(
        *doc, kind == ListKind::licenses ? "standardLicenseTemplate" : "licenseExceptionTemplate");
    if (!tmpl.empty()) out.match_text = match_text_of_template(tmpl);
    // The header a file carries in place of the text ("This Source Code Form is subject to the
    // terms of the Mozilla Public License, v. 2.0 ...", "Licensed under the Academic Free
    // License version 3.0"), its varying parts marked as in the text's template.
    if (kind == ListKind::licenses) {
        std::string header = util::json_string(*doc, "standardLicenseHeaderTemplate");
        if (!header.empty())
            out.header = match_text_of_template(header);
        else
            out.header = util::json_string(*doc, "standardLicenseHeader");
        if (util::trim(out.header).empty()) out.header.clear();
    }
    return out;
}

Result<LicenseListData> read_license_list_data(const std::string& dir) {
    fs::path json_dir = dir;
    std::error_code ec;
    if (!fs::exists(json_dir / shape_of(ListKind::licenses).file, ec) &&
        fs::exists(json_dir / "json", ec))
        json_dir /= "json";
    LicenseListData data;
    for (ListKind kind : {ListKind::licenses, ListKind::exceptions})
        if (auto r = read_list(json_dir, kind, data); !r) return unexpected(r.error());
    if (data.licenses.empty())
        return fail((json_dir / shape_of(ListKind::licenses).file).string() +
                    ": no license with its text");
    return data;
}

void use_license_list_data(LicenseListData data) {
    // The views handed to the list point into this copy, which lives as long as the program.
    static LicenseListData held;
    held = std::move(data);
    auto view = [](const LicenseListData::Entry& e, bool license) {
        LicenseInfo info;
        info.id = e.id;
        info.name = e.name;
        info.text = e.text;
        info.match_text = e.match_text;
        info.header = e.header;
        info.osi_approved = e.osi_approved;
        info.deprecated = e.deprecated;
        info.category = license ? category_of(e.id, e.osi_approved) : Category::unknown;
        return info;
    };
    std::vector<LicenseInfo> licenses, exceptions;
    for (const auto& e : held.licenses) {
        licenses.push_back(view(e, true));
        model::add_license_id(e.id, e.deprecated);
    }
    for (const auto& e : held.exceptions) {
        exceptions.push_back(view(e, false));
        model::add_exception_id(e.id);
    }
    replace_license_list(licenses, std::move(exceptions));
    LicenseIndex::install(LicenseIndex::build_default());
}

} // namespace kaiyuan::license
