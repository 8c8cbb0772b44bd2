#include "kaiyuan/catalog/dotnet/nuget.hpp"

#include "kaiyuan/catalog/common/package_graph.hpp"
#include "kaiyuan/catalog/npm/package_lock.hpp"
#include "kaiyuan/util/json_read.hpp"
#include "kaiyuan/util/line_finder.hpp"
#include "kaiyuan/util/strings.hpp"

namespace kaiyuan::catalog::dotnet {

namespace {

model::Component nuget(std::string_view name, std::string_view version, const model::Location& file,
                       std::uint32_t line) {
    return make_package("nuget", "", util::sanitize_text(name), util::sanitize_text(version), file,
                        line);
}

std::string project_name(std::string_view path, std::string_view suffix) {
    std::string_view file = path.substr(path.rfind('/') + 1);
    if (file.ends_with(suffix) && file.size() > suffix.size())
        return std::string(file.substr(0, file.size() - suffix.size()));
    return project_name_from_path(path);
}

} // namespace

CatalogResult parse_packages_lock(std::string_view text, const model::Location& location) {
    PackageGraph graph(location);
    simdjson::dom::parser parser;
    auto doc = util::parse_json(parser, text);
    simdjson::dom::object targets;
    if (!doc || (*doc)["dependencies"].get(targets)) {
        graph.warn((doc ? std::string("no dependencies object: not a packages.lock.json")
                        : doc.error().message) +
                   "; file skipped");
        return graph.finish(false);
    }
    graph.add_root("project",
                   nuget(project_name(location.path, ".packages.lock.json"), "", location, 0));
    util::LineFinder lines(text);
    // One section per target framework; a package locked in several is one component.
    for (auto [framework, packages] : targets) {
        simdjson::dom::object pkgs;
        if (packages.get(pkgs)) continue;
        for (auto [name, p] : pkgs) {
            std::string type = util::json_string(p, "type");
            std::string version = util::json_string(p, "resolved");
            std::uint32_t line = lines.find_key(name);
            std::string key = util::to_lower(name);
            if (type == "Project") {
                model::Component c = nuget(name, "", location, line);
                c.properties["kaiyuan:nuget:project-reference"] = "true";
                graph.add(key, std::move(c));
            } else {
                model::Component c = nuget(name, version, location, line);
                if (auto h = util::json_string(p, "contentHash"); !h.empty())
                    if (auto sum = npm::checksum_from_integrity("sha512-" + h); !sum.value.empty())
                        c.hashes.push_back(sum);
                graph.add(key, std::move(c));
            }
            if (type == "Direct" || type == "Project") graph.edge("project", key);
            simdjson::dom::object deps;
            if (!p["dependencies"].get(deps))
                for (auto [dep, range] : deps)
                    graph.edge(key, util::to_lower(dep));
        }
    }
    return graph.finish(false);
}

CatalogResult parse_deps_json(std::string_view text, const model::Location& location) {
    PackageGraph graph(location);
    simdjson::dom::parser parser;
    auto doc = util::parse_json(parser, text);
    simdjson::dom::object libraries, targets;
    if (!doc || (*doc)["libraries"].get(libraries) || (*doc)["targets"].get(targets)) {
        graph.warn((doc ? std::string("no targets and libraries: not a .deps.json")
                        : doc.error().message) +
                   "; file skipped");
        return graph.finish(false);
    }
    util::LineFinder lines(text);
    lines.find_key("libraries");
    bool have_root = false;
    for (auto [id, lib] : libraries) {
        std::string_view key = id;
        auto slash = key.rfind('/');
        std::uint32_t line = lines.find_key(id);
        if (slash == std::string_view::npos) {
            graph.warn("library '" + util::sanitize_text(key) + "' is not name/version; skipped",
                       line);
            continue;
        }
        std::string type = util::json_string(lib, "type");
        model::Component c = nuget(key.substr(0, slash), key.substr(slash + 1), location, line);
        if (auto sum = npm::checksum_from_integrity(util::json_string(lib, "sha512"));
            !sum.value.empty())
            c.hashes.push_back(sum);
        if (type == "project" && !have_root) {
            graph.add_root(std::string(key), std::move(c));
            have_root = true;
            continue;
        }
        if (type != "package") c.properties["kaiyuan:nuget:library-type"] = type;
        graph.add(std::string(key), std::move(c));
    }
    for (auto [framework, entries] : targets) {
        simdjson::dom::object libs;
        if (entries.get(libs)) continue;
        for (auto [id, entry] : libs) {
            simdjson::dom::object deps;
            if (entry["dependencies"].get(deps)) continue;
            for (auto [dep, version] : deps) {
                std::string_view v;
                if (version.get(v)) continue;
                graph.edge(std::string(id), std::string(dep) + "/" + std::string(v));
            }
        }
    }
    return graph.finish(false);
}

} // namespace kaiyuan::catalog::dotnet
