#include "kaiyuan/upstream/packaged.hpp"

#include "kaiyuan/upstream/nvchecker.hpp"

#include "kaiyuan/catalog/rpm/spec.hpp"
#include "kaiyuan/util/files.hpp"

#include <algorithm>
#include <filesystem>
#include <map>

namespace kaiyuan::upstream {

namespace {

namespace fs = std::filesystem;

constexpr std::uint64_t k_max_file = 4u << 20; // the largest real spec is under 400 KiB

void say(PackageSet& set, model::Severity severity, const std::string& path, std::string message) {
    model::Diagnostic d;
    d.severity = severity;
    d.location.path = path;
    d.message = std::move(message);
    set.diagnostics.push_back(std::move(d));
}

/// The error text without a leading "<path>: ", which the diagnostic's location already says.
std::string without_path(const std::string& message, const std::string& path) {
    return message.starts_with(path + ": ") ? message.substr(path.size() + 2) : message;
}

std::optional<UpstreamDescription> read_description(PackageSet& set, const std::string& file) {
    auto text = util::read_file(file, k_max_file);
    if (!text) {
        ++set.unreadable;
        say(set, model::Severity::error, file, without_path(text.error().message, file));
        return std::nullopt;
    }
    auto d = read_upstream_info(*text, file, set.diagnostics);
    if (!d) {
        ++set.unreadable;
        say(set, model::Severity::error, file, without_path(d.error().message, file));
        return std::nullopt;
    }
    return std::move(*d);
}

bool is_yaml(const fs::path& p) {
    return p.extension() == ".yaml" || p.extension() == ".yml";
}

std::vector<fs::path> entries(const fs::path& dir, bool directories) {
    std::vector<fs::path> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec))
        if (directories ? e.is_directory(ec) : e.is_regular_file(ec)) out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

class Finder {
public:
    Finder(PackageSet& set, std::string upstream_info)
        : set_(set), upstream_info_(std::move(upstream_info)) {}

    void target(const std::string& path) {
        std::error_code ec;
        fs::path p(path);
        if (fs::is_regular_file(p, ec)) {
            if (p.extension() == ".spec")
                spec(p);
            else if (is_yaml(p))
                description_only(p);
            else if (p.extension() == ".toml")
                nvchecker(p);
            else
                refuse(path, "neither a spec file, an upstream-info YAML file nor an nvchecker "
                             "TOML file");
            return;
        }
        if (!fs::is_directory(p, ec)) return refuse(path, "no such file or directory");
        if (package_directory(p)) return;
        bool any = false;
        for (const auto& sub : entries(p, true))
            any = package_directory(sub) || any;
        if (any) return;
        for (const auto& file : entries(p, false))
            if (is_yaml(file)) {
                description_only(file);
                any = true;
            }
        if (!any)
            refuse(path, "holds no spec file, no package directories with one and no "
                         "upstream-info YAML files");
    }

    void finish() {
        for (auto& [name, pkg] : found_)
            set_.packages.push_back(std::move(pkg));
    }

private:
    PackageSet& set_;
    std::string upstream_info_;
    std::map<std::string, PackagedSource> found_;

    void refuse(const std::string& path, std::string why) {
        ++set_.unreadable;
        say(set_, model::Severity::error, path, std::move(why));
    }

    /// A directory holding spec files: each one a package (src-openeuler holds one; a few
    /// repositories hold a second for a sub-project).
    bool package_directory(const fs::path& dir) {
        bool any = false;
        for (const auto& file : entries(dir, false))
            if (file.extension() == ".spec") {
                spec(file);
                any = true;
            }
        return any;
    }

    void add(PackagedSource pkg, const std::string& file) {
        auto [it, added] = found_.try_emplace(pkg.name, std::move(pkg));
        if (!added)
            say(set_, model::Severity::warning, file,
                "package '" + it->first + "' is also given by " +
                    (it->second.spec_file.empty() ? it->second.upstream_file
                                                  : it->second.spec_file) +
                    "; this one is left out");
    }

    void spec(const fs::path& file) {
        std::string path = file.string();
        auto text = util::read_file(path, k_max_file);
        if (!text) return refuse(path, without_path(text.error().message, path));
        model::Location where;
        where.path = path;
        auto parsed = catalog::rpm::parse_spec(*text, where);
        if (!parsed) return refuse(path, without_path(parsed.error().message, path));
        for (auto& d : parsed->diagnostics)
            set_.diagnostics.push_back(std::move(d));
        PackagedSource pkg;
        pkg.name = parsed->name;
        pkg.version = parsed->version;
        pkg.release = parsed->release;
        pkg.epoch = parsed->epoch;
        pkg.spec_file = path;
        if (pkg.version.empty() || pkg.version.find('%') != std::string::npos)
            say(set_, model::Severity::warning, path,
                "Version '" + pkg.version + "' is not a version once macros are expanded");
        // The repository's own description first, then upstream-info's.
        for (const fs::path& candidate :
             {file.parent_path() / (pkg.name + ".yaml"), file.parent_path() / (pkg.name + ".yml"),
              upstream_info_.empty() ? fs::path()
                                     : fs::path(upstream_info_) / (pkg.name + ".yaml")}) {
            std::error_code ec;
            if (candidate.empty() || !fs::is_regular_file(candidate, ec)) continue;
            pkg.upstream_file = candidate.string();
            pkg.upstream = read_description(set_, pkg.upstream_file);
            break;
        }
        if (pkg.upstream_file.empty())
            say(set_, model::Severity::warning, path,
                "no upstream description (" + pkg.name + ".yaml beside the spec" +
                    (upstream_info_.empty() ? std::string() : " or in " + upstream_info_) +
                    "): its upstream cannot be checked");
        add(std::move(pkg), path);
    }

    void nvchecker(const fs::path& file) {
        std::string path = file.string();
        auto text = util::read_file(path, k_max_file);
        if (!text) return refuse(path, without_path(text.error().message, path));
        auto packages = read_nvchecker(*text, path, set_.diagnostics);
        if (!packages) return refuse(path, without_path(packages.error().message, path));
        for (auto& pkg : *packages)
            add(std::move(pkg), path);
    }

    void description_only(const fs::path& file) {
        PackagedSource pkg;
        pkg.upstream_file = file.string();
        pkg.upstream = read_description(set_, pkg.upstream_file);
        if (!pkg.upstream) return;
        pkg.name = pkg.upstream->package;
        add(std::move(pkg), file.string());
    }
};

} // namespace

PackageSet find_packages(const std::vector<std::string>& targets,
                         const std::string& upstream_info_dir) {
    PackageSet set;
    Finder finder(set, upstream_info_dir);
    for (const auto& t : targets)
        finder.target(t);
    finder.finish();
    return set;
}

} // namespace kaiyuan::upstream
