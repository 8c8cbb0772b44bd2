// How a component is named and referred to in CycloneDX: `group` and `name`
// (https://cyclonedx.org/docs/1.6/json/#components_items_group) from the purl namespace, and
// `bom-ref`, kept from the document a component was read from.
#include "kaiyuan/format/cyclonedx/cyclonedx.hpp"
#include "kaiyuan/model/purl.hpp"

namespace kaiyuan::format::cyclonedx {

namespace {
bool namespace_is_group(std::string_view purl_type) {
    return purl_type == "maven" || purl_type == "npm" || purl_type == "composer";
}
} // namespace

std::pair<std::string, std::string> group_and_name(const model::Component& c) {
    // Only three purl types have a group: the others need no parsing (this runs per component).
    if (auto slash = c.purl.find('/'); c.purl.starts_with("pkg:") && slash != std::string::npos &&
                                       !namespace_is_group(c.purl.substr(4, slash - 4)))
        return {{}, c.name};
    if (!c.purl.empty()) {
        auto p = model::Purl::parse(c.purl);
        if (p && namespace_is_group(p->type) && !p->namespace_.empty())
            return {p->namespace_, p->name};
        if (p) return {{}, c.name};
    }
    // Without a purl, an npm scope or a Composer vendor is still the first part of the name.
    if (c.package_type == "npm" || c.package_type == "composer") {
        auto slash = c.name.find('/');
        if (slash != std::string::npos && slash > 0 && slash + 1 < c.name.size())
            return {c.name.substr(0, slash), c.name.substr(slash + 1)};
        return {{}, c.name};
    }
    for (const char* key : {"kaiyuan:group", "kaiyuan:maven:group"})
        if (auto g = c.properties.find(key); g != c.properties.end()) {
            std::string name = c.name;
            // A scoped npm name read without a purl: the scope is the group.
            if (name.starts_with(g->second + "/")) name = name.substr(g->second.size() + 1);
            return {g->second, name};
        }
    return {{}, c.name};
}

void apply_group(model::Component& c, const std::string& group) {
    if (group.empty()) return;
    std::string type = c.package_type;
    if (type.empty() && c.purl.starts_with("pkg:")) {
        if (auto p = model::Purl::parse(c.purl)) type = p->type;
    }
    if (type == "npm" || type == "composer") {
        if (!c.name.starts_with(group + "/")) c.name = group + "/" + c.name;
        return;
    }
    c.properties[type == "maven" ? "kaiyuan:maven:group" : "kaiyuan:group"] = group;
}

std::unordered_map<std::string_view, std::string_view> bom_refs(const model::Sbom& sbom) {
    std::unordered_map<std::string_view, std::size_t> uses;
    uses.reserve(sbom.components.size());
    for (const auto& c : sbom.components) {
        ++uses[c.id];
        if (!c.ref.empty() && c.ref != c.id) ++uses[c.ref];
    }
    std::unordered_map<std::string_view, std::string_view> out;
    out.reserve(sbom.components.size());
    for (const auto& c : sbom.components)
        out.emplace(c.id, !c.ref.empty() && c.ref != k_root_ref && c.ref != k_distro_ref &&
                                  uses[c.ref] == 1
                              ? std::string_view(c.ref)
                              : std::string_view(c.id));
    return out;
}

} // namespace kaiyuan::format::cyclonedx
