// What a target format cannot hold of an SBOM: said once, by the command that writes, so that
// nothing a user gave is dropped silently. Kept beside the writers: a writer that learns to
// carry something removes it here.
#include "kaiyuan/format/format.hpp"

#include <map>

namespace kaiyuan::format {

std::vector<std::string> losses(const model::Sbom& sbom, Format format) {
    std::vector<std::string> out;
    if (format == Format::json) return out; // kaiyuan's own JSON holds the whole model
    auto count = [&](auto&& has) {
        std::size_t n = 0;
        for (const auto& c : sbom.components)
            n += has(c) ? 1 : 0;
        return n;
    };
    auto say = [&](std::size_t n, const std::string& what) {
        if (n) out.push_back(std::to_string(n) + " " + what);
    };
    if (format == Format::table) {
        out.push_back("everything but names, versions, types and licenses (a table is for "
                      "people; use -f json to keep the rest)");
        return out;
    }
    // Package file lists: only kaiyuan's JSON lists every file a package owns (the others give
    // the count, as a kaiyuan:file-count property).
    say(count([](const model::Component& c) { return !c.files.empty(); }),
        "components' lists of owned files (their counts are kept)");
    bool cyclonedx = format == Format::cyclonedx_json || format == Format::cyclonedx_xml;
    if (format == Format::cyclonedx_xml)
        say(count([](const model::Component& c) { return !c.evidence.empty(); }),
            "components' CycloneDX evidence (written in CycloneDX JSON only)");
    if (cyclonedx) {
        // CycloneDX dependencies have no type: development and optional edges become plain
        // dependsOn (the component's scope still says dev or optional when it is known).
        std::map<model::RelationshipType, std::size_t> typed;
        for (const auto& r : sbom.relationships)
            ++typed[r.type];
        say(typed[model::RelationshipType::dev_depends_on],
            "development-dependency edges (written as dependsOn)");
        say(typed[model::RelationshipType::optional_depends_on],
            "optional-dependency edges (written as dependsOn)");
        std::size_t orgs = 0;
        for (const auto& c : sbom.metadata.creators)
            orgs += c.starts_with("Organization: ") ? 1 : 0;
        if (orgs > 1)
            out.push_back(
                std::to_string(orgs - 1) +
                " creator organizations after the first (CycloneDX has one manufacturer)");
    }
    return out;
}

} // namespace kaiyuan::format
