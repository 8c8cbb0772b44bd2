#include "kaiyuan/format/format.hpp"

#include "kaiyuan/format/cyclonedx/cyclonedx.hpp"
#include "kaiyuan/format/native/native.hpp"
#include "kaiyuan/format/spdx23/spdx23.hpp"
#include "kaiyuan/format/spdx3/spdx3.hpp"
#include "kaiyuan/format/table/table.hpp"
#include "kaiyuan/util/strings.hpp"

#include <algorithm>
#include <unordered_map>

namespace kaiyuan::format {

const std::vector<std::pair<Format, std::string_view>>& all_formats() {
    static const std::vector<std::pair<Format, std::string_view>> k = {
        {Format::table, "table"},
        {Format::json, "json"},
        {Format::spdx_json, "spdx-json"},
        {Format::spdx_tv, "spdx-tv"},
        {Format::spdx3_json, "spdx3-json"},
        {Format::cyclonedx_json, "cyclonedx-json"},
        {Format::cyclonedx_xml, "cyclonedx-xml"},
    };
    return k;
}

std::string_view name_of(Format f) {
    for (auto& [k, v] : all_formats())
        if (k == f) return v;
    return "table";
}

namespace {
std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j)
            cur[j] = std::min(
                {prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
        std::swap(prev, cur);
    }
    return prev[b.size()];
}
} // namespace

Result<Format> parse_format(std::string_view name) {
    std::string lower = util::to_lower(name);
    for (auto& [k, v] : all_formats())
        if (v == lower) return k;
    if (lower == "spdx" || lower == "spdx-2.3-json") return Format::spdx_json;
    if (lower == "cyclonedx" || lower == "cdx" || lower == "cdx-json")
        return Format::cyclonedx_json;
    std::string_view best;
    std::size_t best_d = 4;
    for (auto& [k, v] : all_formats()) {
        auto d = edit_distance(lower, v);
        if (d < best_d) {
            best_d = d;
            best = v;
        }
    }
    std::string msg = "unknown format '" + std::string(name) + "'";
    if (!best.empty())
        msg += "; did you mean '" + std::string(best) + "'?";
    else {
        msg += "; formats:";
        for (auto& [k, v] : all_formats())
            msg += " " + std::string(v);
    }
    return fail(msg);
}

std::string write(const model::Sbom& sbom, Format format) {
    switch (format) {
    case Format::table:
        return table::write(sbom);
    case Format::json:
        return native::write(sbom);
    case Format::spdx_json:
        return spdx23::write_json(sbom);
    case Format::spdx_tv:
        return spdx23::write_tag_value(sbom);
    case Format::spdx3_json:
        return spdx3::write_json(sbom);
    case Format::cyclonedx_json:
        return cyclonedx::write_json(sbom);
    case Format::cyclonedx_xml:
        return cyclonedx::write_xml(sbom);
    }
    return {};
}

namespace {
/// A language package an OS package installed says so in its kaiyuan:owned-by property in every
/// format; formats without a containment edge between components (CycloneDX's dependencies are
/// dependencies) get the edge back from it.
void relate_owners(model::Sbom& sbom) {
    std::unordered_map<std::string_view, std::string_view> id_of_purl;
    for (const auto& c : sbom.components)
        if (!c.purl.empty()) id_of_purl.emplace(c.purl, c.id);
    for (const auto& c : sbom.components) {
        auto owned = c.properties.find(model::k_owned_by_property);
        if (owned == c.properties.end()) continue;
        auto owner = id_of_purl.find(owned->second);
        if (owner != id_of_purl.end())
            sbom.relationships.push_back(
                {std::string(owner->second), c.id, model::RelationshipType::contains});
    }
}
} // namespace

Result<model::Sbom> read(std::string_view text, const std::string& name) {
    auto f = detect(text);
    if (!f) return fail(name + ": " + f.error().message);
    Result<model::Sbom> r = fail("unsupported");
    switch (*f) {
    case Format::json:
        r = native::read(text);
        break;
    case Format::spdx_json:
        r = spdx23::read_json(text);
        break;
    case Format::spdx_tv:
        r = spdx23::read_tag_value(text);
        break;
    case Format::spdx3_json:
        r = spdx3::read_json(text);
        break;
    case Format::cyclonedx_json:
        r = cyclonedx::read_json(text);
        break;
    case Format::cyclonedx_xml:
        r = cyclonedx::read_xml(text);
        break;
    case Format::table:
        break;
    }
    if (!r) return fail(name + ": " + std::string(name_of(*f)) + ": " + r.error().message);
    r->metadata.target_kind = "sbom";
    if (r->metadata.target.empty()) r->metadata.target = name;
    relate_owners(*r);
    r->normalize();
    return r;
}

} // namespace kaiyuan::format
