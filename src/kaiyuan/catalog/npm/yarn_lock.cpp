#include "kaiyuan/catalog/npm/yarn_lock.hpp"

#include "kaiyuan/catalog/common/package_graph.hpp"
#include "kaiyuan/catalog/npm/package_lock.hpp"
#include "kaiyuan/util/strings.hpp"
#include "kaiyuan/util/yaml.hpp"

#include <unordered_map>

namespace kaiyuan::catalog::npm {

namespace {

using RT = model::RelationshipType;

// One resolved package and the specs that lead to it.
struct Entry {
    std::vector<std::string> specs; ///< "a@^1.0.0" (v1), "a@npm:^1.0.0" (berry)
    std::string name, version, resolved, integrity, checksum;
    bool workspace = false;
    std::vector<std::pair<std::string, RT>> deps; ///< specs
    std::uint32_t line = 0;
};

// "a@^1" -> "a"; "@s/a@npm:^1" -> "@s/a". The name ends at the first '@' after its first
// character (a scope's '@' comes first).
std::string spec_name(std::string_view spec) {
    auto at = spec.find('@', 1);
    return std::string(spec.substr(0, at));
}

std::string unquote(std::string_view s) {
    s = util::trim(s);
    if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
    return util::sanitize_text(s);
}

std::vector<std::string> split_specs(std::string_view key) {
    std::vector<std::string> out;
    for (auto part : util::split(key, ','))
        if (auto s = unquote(part); !s.empty()) out.push_back(s);
    return out;
}

// Classic yarn v1: "specs:" at column 0, "field value" at 2, "dep range" at 4 under
// dependencies/optionalDependencies.
Result<std::vector<Entry>> read_v1(std::string_view text) {
    std::vector<Entry> entries;
    std::string_view section;
    std::uint32_t number = 0;
    for (std::string_view line : util::split(text, '\n')) {
        ++number;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        std::size_t indent = line.find_first_not_of(' ');
        if (indent == std::string_view::npos || line[indent] == '#') continue;
        std::string_view content = util::trim(line);
        if (indent == 0) {
            if (!content.ends_with(':'))
                return fail("line " + std::to_string(number) + ": expected 'spec, spec:'");
            Entry e;
            e.specs = split_specs(content.substr(0, content.size() - 1));
            e.line = number;
            if (e.specs.empty()) return fail("line " + std::to_string(number) + ": no spec");
            entries.push_back(std::move(e));
            section = {};
            continue;
        }
        if (entries.empty())
            return fail("line " + std::to_string(number) + ": field outside an entry");
        Entry& e = entries.back();
        std::string_view key = content, value;
        if (auto sp = content.find(' '); sp != std::string_view::npos) {
            key = content.substr(0, sp);
            value = content.substr(sp + 1);
        }
        if (indent <= 2) {
            if (key.ends_with(':')) {
                section = key.substr(0, key.size() - 1);
                continue;
            }
            section = {};
            std::string v = unquote(value);
            std::string k = unquote(key);
            if (k == "version")
                e.version = v;
            else if (k == "resolved")
                e.resolved = v;
            else if (k == "integrity")
                e.integrity = v;
            continue;
        }
        if (section == "dependencies" || section == "optionalDependencies") {
            e.deps.emplace_back(unquote(key) + "@" + unquote(value), section == "dependencies"
                                                                         ? RT::depends_on
                                                                         : RT::optional_depends_on);
        }
    }
    for (auto& e : entries)
        e.name = spec_name(e.specs.front());
    return entries;
}

// Yarn berry: YAML; "resolution" names the package, "dependencies" map names to ranges.
Result<std::vector<Entry>> read_berry(const util::YamlNode& doc) {
    std::vector<Entry> entries;
    for (const auto& [key, value] : doc.entries) {
        if (key == "__metadata" || !value.is_mapping()) continue;
        Entry e;
        e.specs = split_specs(key);
        e.line = value.line;
        e.version = std::string(value.str("version"));
        std::string_view resolution = value.str("resolution");
        e.resolved = std::string(resolution);
        e.name = spec_name(resolution.empty() && !e.specs.empty() ? std::string_view(e.specs[0])
                                                                  : resolution);
        e.checksum = std::string(value.str("checksum"));
        e.workspace = resolution.find("@workspace:") != std::string_view::npos;
        const std::pair<const char*, RT> kinds[] = {
            {"dependencies", RT::depends_on}, {"optionalDependencies", RT::optional_depends_on}};
        for (auto [list, type] : kinds) {
            const util::YamlNode* deps = value.get(list);
            if (!deps || !deps->is_mapping()) continue;
            for (const auto& [dep, range] : deps->entries)
                e.deps.emplace_back(dep + "@" + range.value, type);
        }
        entries.push_back(std::move(e));
    }
    return entries;
}

} // namespace

CatalogResult parse_yarn_lock(std::string_view text, const model::Location& location,
                              const std::optional<PackageJson>& project) {
    PackageGraph graph(location);
    bool berry =
        text.find("\n__metadata:") != std::string_view::npos || text.starts_with("__metadata:");
    Result<std::vector<Entry>> entries;
    if (berry) {
        auto doc = util::parse_yaml(text);
        if (!doc) {
            graph.warn("not valid YAML (" + doc.error().message + "); file skipped");
            return graph.finish(false);
        }
        entries = read_berry(*doc);
    } else {
        entries = read_v1(text);
    }
    if (!entries) {
        graph.warn("not a yarn.lock (" + entries.error().message + "); file skipped");
        return graph.finish(false);
    }

    // Keys: the resolution (berry) or name@version (v1); every spec points at its entry.
    std::unordered_map<std::string, std::string> key_of_spec;
    std::string root_key;
    // A berry entry keyed "" with no resolution has nothing to name it by.
    std::erase_if(*entries, [&](const Entry& e) {
        if (!e.name.empty()) return false;
        graph.warn("entry without a package spec or resolution; skipped", e.line);
        return true;
    });
    for (const auto& e : *entries) {
        std::string key = e.resolved.empty() || !berry ? e.name + "@" + e.version : e.resolved;
        for (const auto& s : e.specs)
            key_of_spec.emplace(s, key);
        bool is_root = e.workspace && e.resolved.ends_with("@workspace:.");
        model::Component c = npm_component(e.name, e.version, location, e.line);
        if (auto sum = checksum_from_integrity(e.integrity); !sum.value.empty())
            c.hashes.push_back(sum);
        if (!e.resolved.empty())
            c.properties[berry ? "kaiyuan:yarn:resolution" : "kaiyuan:npm:resolved"] = e.resolved;
        if (!e.checksum.empty()) c.properties["kaiyuan:yarn:checksum"] = e.checksum;
        if (e.version.empty())
            graph.warn("entry '" + (e.specs.empty() ? e.name : e.specs.front()) +
                           "' has no version; listed without one",
                       e.line);
        if (is_root) {
            if (project) apply_manifest(c, *project);
            graph.add_root(key, std::move(c));
            root_key = key;
        } else {
            if (e.workspace) c.properties["kaiyuan:npm:workspace"] = e.resolved;
            graph.add(key, std::move(c));
        }
    }
    // A "resolutions" entry of the project ("trim", "**/trim", "a/trim") replaces the range
    // of every spec of that package.
    auto resolved_by_project = [&](const std::string& spec) -> std::string {
        if (!project) return {};
        std::string name = spec_name(spec);
        for (const auto& [pattern, version] : project->resolutions) {
            if (pattern != name && !pattern.ends_with("/" + name)) continue;
            for (const std::string& candidate : {name + "@" + version, name + "@npm:" + version})
                if (auto it = key_of_spec.find(candidate); it != key_of_spec.end())
                    return it->second;
        }
        return {};
    };
    auto lookup = [&](const std::string& spec) {
        auto it = key_of_spec.find(spec);
        if (it != key_of_spec.end()) return it->second;
        std::string overridden = resolved_by_project(spec);
        return overridden.empty() ? "unlocked:" + spec : overridden;
    };
    // The project: its manifest says which dependencies are dev-only; berry's workspace entry
    // lists them all as one.
    if (project) {
        if (root_key.empty()) {
            root_key = "project:" + project->name;
            model::Component c = npm_component(project->name.empty() ? "project" : project->name,
                                               project->version, location, 0);
            apply_manifest(c, *project);
            graph.add_root(root_key, std::move(c));
        }
        const std::pair<const std::vector<std::pair<std::string, std::string>>*, RT> kinds[] = {
            {&project->dependencies, RT::depends_on},
            {&project->optional_dependencies, RT::optional_depends_on},
            {&project->dev_dependencies, RT::dev_depends_on}};
        for (auto [list, type] : kinds)
            for (const auto& [name, range] : *list) {
                std::string spec = name + "@" + range;
                if (!key_of_spec.contains(spec) && berry) spec = name + "@npm:" + range;
                graph.edge(root_key, lookup(spec), type);
            }
    }
    for (const auto& e : *entries) {
        std::string key = e.resolved.empty() || !berry ? e.name + "@" + e.version : e.resolved;
        if (key == root_key && project) continue; // edges came from the manifest
        for (const auto& [spec, type] : e.deps)
            graph.edge(key, lookup(spec), type);
    }
    return graph.finish(true);
}

} // namespace kaiyuan::catalog::npm
