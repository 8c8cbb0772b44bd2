#include "kaiyuan/catalog/golang/go_mod.hpp"

#include "kaiyuan/catalog/common/package_graph.hpp"
#include "kaiyuan/catalog/engine/file_cataloger.hpp"
#include "kaiyuan/util/strings.hpp"

#include <algorithm>

#include <map>
#include <unordered_map>

namespace kaiyuan::catalog::golang {

namespace {

std::string unquote(std::string_view s) {
    if (s.size() >= 2 && (s.front() == '"' || s.front() == '`') && s.back() == s.front())
        s = s.substr(1, s.size() - 2);
    return util::sanitize_text(s);
}

std::vector<std::string> fields(std::string_view s) {
    std::vector<std::string> out;
    for (auto f : util::split(s, ' '))
        for (auto g : util::split(f, '\t'))
            if (!g.empty()) out.push_back(unquote(g));
    return out;
}

struct Require {
    std::string path, version;
    bool indirect;
    std::uint32_t line;
};

} // namespace

model::Component go_component(std::string_view module, std::string_view version,
                              const model::Location& file, std::uint32_t line) {
    auto slash = module.rfind('/');
    std::string_view ns =
        slash == std::string_view::npos ? std::string_view() : module.substr(0, slash);
    std::string_view name = slash == std::string_view::npos ? module : module.substr(slash + 1);
    model::Component c = make_package("golang", ns, name, version, file, line);
    c.name = std::string(module);
    return c;
}

CatalogResult parse_go_mod(std::string_view text, const model::Location& location,
                           std::string_view go_sum) {
    PackageGraph graph(location);
    std::string module, go_version, block;
    std::uint32_t module_line = 0, number = 0;
    std::vector<Require> requires_;
    std::map<std::pair<std::string, std::string>, std::pair<std::string, std::string>> replaces;
    std::map<std::string, std::pair<std::string, std::string>> replace_all_versions;
    for (std::string_view raw : util::split(text, '\n')) {
        ++number;
        std::string_view line = util::trim(raw);
        bool indirect = false;
        if (auto c = line.find("//"); c != std::string_view::npos) {
            indirect = util::trim(line.substr(c + 2)).starts_with("indirect");
            line = util::trim(line.substr(0, c));
        }
        if (line.empty()) continue;
        if (!block.empty() && line == ")") {
            block.clear();
            continue;
        }
        std::vector<std::string> f = fields(line);
        std::string verb = block;
        if (block.empty()) {
            verb = f[0];
            f.erase(f.begin());
            if (!f.empty() && f[0] == "(") {
                block = verb;
                continue;
            }
        }
        if (verb == "module" && !f.empty()) {
            module = f[0];
            module_line = number;
        } else if (verb == "go" && !f.empty()) {
            go_version = f[0];
        } else if (verb == "require") {
            if (f.size() < 2) {
                graph.warn("require without a module and version", number);
                continue;
            }
            requires_.push_back({f[0], f[1], indirect, number});
        } else if (verb == "replace") {
            // old [v] => new [v]
            auto arrow = std::find(f.begin(), f.end(), "=>");
            if (arrow == f.end() || arrow == f.begin() || arrow + 1 == f.end()) {
                graph.warn("replace without 'old => new'", number);
                continue;
            }
            std::pair<std::string, std::string> to{*(arrow + 1),
                                                   arrow + 2 < f.end() ? *(arrow + 2) : ""};
            if (arrow - f.begin() >= 2)
                replaces[{f[0], f[1]}] = to;
            else
                replace_all_versions[f[0]] = to;
        } else if (verb != "exclude" && verb != "retract" && verb != "toolchain" &&
                   verb != "godebug" && verb != "tool" && verb != "ignore") {
            graph.warn("unknown directive '" + verb + "'", number);
        }
    }
    if (module.empty()) {
        graph.warn("no module directive: not a go.mod; file skipped");
        return graph.finish(false);
    }
    std::unordered_map<std::string, std::string> h1;
    for (std::string_view line : util::split(go_sum, '\n')) {
        auto f = fields(line);
        if (f.size() == 3 && !f[1].ends_with("/go.mod")) h1[f[0] + "@" + f[1]] = f[2];
    }
    model::Component root = go_component(module, "", location, module_line);
    if (!go_version.empty()) root.properties["kaiyuan:go:version"] = go_version;
    graph.add_root("main", std::move(root));
    for (const auto& r : requires_) {
        std::string path = r.path, version = r.version;
        auto rep = replaces.find({r.path, r.version});
        const std::pair<std::string, std::string>* to =
            rep != replaces.end() ? &rep->second : nullptr;
        if (!to)
            if (auto all = replace_all_versions.find(r.path); all != replace_all_versions.end())
                to = &all->second;
        if (to) {
            path = to->first;
            version = to->second;
        }
        model::Component c = go_component(path, version, location, r.line);
        if (to) {
            c.properties["kaiyuan:go:replaces"] = r.path + "@" + r.version;
            if (to->second.empty()) c.properties["kaiyuan:go:local-path"] = to->first;
        }
        if (auto it = h1.find(path + "@" + version); it != h1.end())
            c.properties["kaiyuan:go:h1"] = it->second;
        if (r.indirect) c.properties["kaiyuan:go:indirect"] = "true";
        std::string key = path + "@" + version;
        graph.add(key, std::move(c));
        if (!r.indirect) graph.edge("main", key);
    }
    return graph.finish(false);
}

CatalogResult GoModCataloger::catalog(const std::vector<const FileData*>& files,
                                      const Environments&) const {
    CatalogResult result;
    std::unordered_map<std::string, const FileData*> sums;
    for (const FileData* f : files)
        if (f->path.ends_with("go.sum")) sums[f->path.substr(0, f->path.size() - 6)] = f;
    for (const FileData* f : files) {
        if (!f->path.ends_with("go.mod") || in_vendor_dir(f->path)) continue;
        auto sum = sums.find(f->path.substr(0, f->path.size() - 6));
        result.append(parse_go_mod(f->data, f->location(),
                                   sum == sums.end() ? std::string_view() : sum->second->data));
    }
    return result;
}

} // namespace kaiyuan::catalog::golang
