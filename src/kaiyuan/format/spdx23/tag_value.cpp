#include "kaiyuan/format/spdx23/document.hpp"
#include "kaiyuan/format/spdx23/spdx23.hpp"
#include "kaiyuan/util/strings.hpp"

namespace kaiyuan::format::spdx23 {

namespace {
// Multi-line values are wrapped in <text>...</text> (SPDX 2.3 §5 tag-value format).
std::string text_value(const std::string& v) {
    if (v.find('\n') == std::string::npos && v.find("<text>") == std::string::npos) return v;
    std::string body = v;
    util::replace_all(body, "</text>", "&lt;/text>");
    return "<text>" + body + "</text>";
}

void field(std::string& out, const char* tag, const std::string& value) {
    if (value.empty()) return;
    out += tag;
    out += ": ";
    out += text_value(value);
    out += '\n';
}
} // namespace

std::string write_tag_value(const model::Sbom& sbom) {
    SpdxDocument d = to_document(sbom);
    std::string out;
    out += "SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\nSPDXID: SPDXRef-DOCUMENT\n";
    field(out, "DocumentName", d.name);
    field(out, "DocumentNamespace", d.namespace_uri);
    for (const auto& c : d.creators)
        field(out, "Creator", c);
    field(out, "Created", d.created);
    field(out, "DocumentComment", d.comment);
    for (const auto& p : d.packages) {
        out += '\n';
        field(out, "PackageName", p.name);
        field(out, "SPDXID", p.spdx_id);
        field(out, "PackageVersion", p.version);
        field(out, "PackageSupplier", p.supplier);
        field(out, "PackageDownloadLocation", p.download_location);
        out += "FilesAnalyzed: false\n";
        field(out, "PackageHomePage", p.homepage);
        field(out, "PackageSourceInfo", p.source_info);
        for (const auto& c : p.checksums)
            field(out, "PackageChecksum", c.algorithm + ": " + c.value);
        field(out, "PackageLicenseConcluded", p.license_concluded);
        field(out, "PackageLicenseDeclared", p.license_declared);
        field(out, "PackageCopyrightText", p.copyright);
        field(out, "PackageSummary", p.summary);
        field(out, "PackageComment", p.comment);
        for (const auto& r : p.external_refs) {
            field(out, "ExternalRef", r.category + " " + r.type + " " + r.locator);
            field(out, "ExternalRefComment", r.comment);
        }
        field(out, "PrimaryPackagePurpose", p.purpose);
    }
    if (!d.relationships.empty()) out += '\n';
    for (const auto& r : d.relationships)
        out += "Relationship: " + r.from + " " + r.type + " " + r.to + "\n";
    for (const auto& e : d.extracted) {
        out += '\n';
        field(out, "LicenseID", e.id);
        field(out, "ExtractedText", "\n" + e.text + "\n");
        field(out, "LicenseName", e.name);
    }
    return out;
}

Result<model::Sbom> read_tag_value(std::string_view text) {
    SpdxDocument d;
    SpdxPackage* pkg = nullptr;
    bool in_license = false;
    std::size_t pos = 0;
    std::uint32_t line_no = 0;
    bool saw_version = false;
    while (pos < text.size()) {
        auto nl = text.find('\n', pos);
        std::string_view line =
            text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        pos = nl == std::string_view::npos ? text.size() : nl + 1;
        ++line_no;
        std::uint32_t start_line = line_no;
        if (util::trim(line).empty() || line.front() == '#') continue;
        auto colon = line.find(':');
        if (colon == std::string_view::npos)
            return fail("line " + std::to_string(line_no) + ": expected 'Tag: value'");
        std::string_view tag = util::trim(line.substr(0, colon));
        std::string value(util::trim(line.substr(colon + 1)));
        if (value.starts_with("<text>")) {
            // The value runs to </text>, possibly over several lines.
            std::string body = value.substr(6);
            while (body.find("</text>") == std::string::npos) {
                if (pos >= text.size())
                    return fail("line " + std::to_string(start_line) + ": <text> is never closed");
                nl = text.find('\n', pos);
                body += '\n';
                body += text.substr(pos, nl == std::string_view::npos ? std::string_view::npos
                                                                      : nl - pos);
                pos = nl == std::string_view::npos ? text.size() : nl + 1;
                ++line_no;
            }
            value = body.substr(0, body.find("</text>"));
            util::replace_all(value, "&lt;/text>", "</text>");
        }
        if (tag == "SPDXVersion") {
            if (!value.starts_with("SPDX-2."))
                return fail("SPDXVersion '" + value + "' is not SPDX 2.x");
            saw_version = true;
        } else if (tag == "DocumentName")
            d.name = value;
        else if (tag == "DocumentNamespace")
            d.namespace_uri = value;
        else if (tag == "Created")
            d.created = value;
        else if (tag == "Creator")
            d.creators.push_back(value);
        else if (tag == "DocumentComment")
            d.comment = value;
        else if (tag == "PackageName") {
            d.packages.emplace_back();
            pkg = &d.packages.back();
            pkg->name = value;
            in_license = false;
        } else if (tag == "FileName" || tag == "SnippetSPDXID") {
            ++(tag == "FileName" ? d.files_read : d.snippets_read);
            pkg = nullptr; // what follows belongs to the file or snippet
            in_license = false;
        } else if (tag == "LicenseID") {
            in_license = true;
            pkg = nullptr;
        } else if (tag == "Relationship") {
            auto parts = util::split_ws(value);
            if (parts.size() < 3)
                return fail("line " + std::to_string(start_line) +
                            ": Relationship needs three parts");
            d.relationships.push_back(
                {std::string(parts[0]), std::string(parts[1]), std::string(parts[2])});
        } else if (pkg && !in_license) {
            if (tag == "SPDXID")
                pkg->spdx_id = value;
            else if (tag == "PackageVersion")
                pkg->version = value;
            else if (tag == "PackageSupplier")
                pkg->supplier = value;
            else if (tag == "PackageHomePage")
                pkg->homepage = value;
            else if (tag == "PackageSourceInfo")
                pkg->source_info = value;
            else if (tag == "PackageLicenseConcluded")
                pkg->license_concluded = value;
            else if (tag == "PackageLicenseDeclared")
                pkg->license_declared = value;
            else if (tag == "PackageSummary")
                pkg->summary = value;
            else if (tag == "PackageComment")
                pkg->comment = value;
            else if (tag == "PrimaryPackagePurpose")
                pkg->purpose = value;
            else if (tag == "PackageChecksum") {
                auto c = value.find(':');
                if (c != std::string::npos)
                    pkg->checksums.push_back(
                        {std::string(util::trim(std::string_view(value).substr(0, c))),
                         std::string(util::trim(std::string_view(value).substr(c + 1)))});
            } else if (tag == "ExternalRef") {
                auto parts = util::split_ws(value);
                if (parts.size() >= 3)
                    pkg->external_refs.push_back(
                        {std::string(parts[0]), std::string(parts[1]), std::string(parts[2]), {}});
            } else if (tag == "ExternalRefComment" && !pkg->external_refs.empty()) {
                pkg->external_refs.back().comment = value;
            } else if (tag == "PackageCopyrightText") {
                pkg->copyright = value;
            } else if (tag == "PackageDownloadLocation") {
                pkg->download_location = value;
            }
        }
    }
    if (!saw_version) return fail("no SPDXVersion tag");
    return from_document(d);
}

} // namespace kaiyuan::format::spdx23
