#include "kaiyuan/catalog/ruby/gems.hpp"

#include "kaiyuan/catalog/common/package_graph.hpp"
#include "kaiyuan/model/license_names.hpp"
#include "kaiyuan/util/strings.hpp"

#include <algorithm>
#include <map>

namespace kaiyuan::catalog::ruby {

namespace {

// "name (1.2.3-x86_64-linux)" -> {name, "1.2.3", platform}; "name (>= 1)" -> {name, ">= 1"}.
struct Spec {
    std::string name, version, platform;
};
Spec read_spec(std::string_view s) {
    Spec out;
    s = util::trim(s);
    if (s.ends_with('!')) s.remove_suffix(1); // DEPENDENCIES: from a git or path source
    auto open = s.find(" (");
    out.name = util::sanitize_text(s.substr(0, open));
    if (open != std::string_view::npos && s.ends_with(')'))
        out.version = util::sanitize_text(s.substr(open + 2, s.size() - open - 3));
    // Platform gems: the version is followed by "-<platform>".
    if (auto dash = out.version.find('-');
        dash != std::string::npos && out.version.find(' ') == std::string::npos) {
        out.platform = out.version.substr(dash + 1);
        out.version.resize(dash);
    }
    return out;
}

model::Component gem(const Spec& s, const model::Location& file, std::uint32_t line) {
    std::map<std::string, std::string> q;
    if (!s.platform.empty()) q["platform"] = s.platform;
    return make_package("gem", "", s.name, s.version, file, line, q);
}

} // namespace

CatalogResult parse_gemfile_lock(std::string_view text, const model::Location& location) {
    PackageGraph graph(location);
    std::string section, current;
    bool in_specs = false, any_section = false;
    std::uint32_t number = 0;
    std::vector<std::pair<std::string, std::string>> deps;
    std::vector<std::string> direct;
    std::map<std::string, std::string> first_key; // gem name -> its first spec's key
    for (std::string_view line : util::split(text, '\n')) {
        ++number;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty()) continue;
        std::size_t indent = line.find_first_not_of(' ');
        if (indent == 0) {
            section = std::string(line);
            any_section = any_section || section == "GEM" || section == "GIT" ||
                          section == "PATH" || section == "DEPENDENCIES";
            in_specs = false;
            continue;
        }
        if (section == "DEPENDENCIES" && indent == 2) {
            direct.push_back(read_spec(line).name);
            continue;
        }
        if (section != "GEM" && section != "GIT" && section != "PATH") continue;
        if (indent == 2) {
            in_specs = util::trim(line) == "specs:";
            continue;
        }
        if (!in_specs) continue;
        Spec s = read_spec(line);
        if (indent == 4) {
            model::Component c = gem(s, location, number);
            if (section != "GEM") c.properties["kaiyuan:gem:source"] = util::to_lower(section);
            // Platform variants of one gem are separate packages; dependencies name the gem.
            current = s.name + " " + s.version + " " + s.platform;
            first_key.emplace(s.name, current);
            graph.add(current, std::move(c));
        } else if (indent == 6 && !current.empty()) {
            deps.emplace_back(current, s.name);
        }
    }
    if (!any_section) {
        graph.warn("no GEM/GIT/PATH specs or DEPENDENCIES: not a Gemfile.lock; file skipped");
        return graph.finish(false);
    }
    model::Component root =
        make_package("gem", "", project_name_from_path(location.path), "", location, 0);
    graph.add_root("project:", std::move(root));
    auto key_of = [&](const std::string& name) {
        auto it = first_key.find(name);
        return it == first_key.end() ? "unlocked:" + name : it->second;
    };
    for (const auto& d : direct)
        graph.edge("project:", key_of(d));
    for (const auto& [from, to] : deps)
        graph.edge(from, key_of(to));
    return graph.finish(false);
}

CatalogResult parse_gemspec(std::string_view text, const model::Location& location) {
    PackageGraph graph(location);
    // `s.name = "rake".freeze`: the first quoted string after the attribute.
    auto attr = [&](std::string_view key, std::uint32_t* line = nullptr) -> std::string {
        std::string needle = "." + std::string(key) + " = ";
        auto at = text.find(needle);
        if (at == std::string_view::npos) return {};
        auto open = text.find_first_of("\"'", at + needle.size());
        auto eol = text.find('\n', at);
        if (open == std::string_view::npos || (eol != std::string_view::npos && open > eol))
            return {};
        auto close = text.find(text[open], open + 1);
        if (close == std::string_view::npos) return {};
        if (line)
            *line = static_cast<std::uint32_t>(
                std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n') + 1);
        return util::sanitize_text(text.substr(open + 1, close - open - 1));
    };
    std::uint32_t line = 0;
    std::string name = attr("name", &line), version = attr("version");
    if (name.empty() || version.empty()) {
        graph.warn("no name or version: not a gem specification; file skipped");
        return graph.finish(false);
    }
    model::Component c = make_package("gem", "", name, version, location, line);
    std::string license = attr("licenses");
    if (license.empty()) license = attr("license");
    c.license_declared = model::to_spdx_expression(license, model::LicenseDialect::spdx);
    c.description = attr("summary");
    c.homepage = attr("homepage");
    c.supplier = attr("authors");
    graph.add(name, std::move(c));
    return graph.finish(false);
}

} // namespace kaiyuan::catalog::ruby
