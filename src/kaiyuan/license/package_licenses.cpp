#include "kaiyuan/license/package_licenses.hpp"

#include "kaiyuan/model/license_expression.hpp"
#include "kaiyuan/util/strings.hpp"

#include <algorithm>
#include <map>

namespace kaiyuan::license {

namespace {

/// Debian's reference copies of common license texts (Debian Policy 12.5).
constexpr std::string_view k_reference_texts = "usr/share/common-licenses/";

/// The directory a package is installed in, from the manifest that found it; "" when the
/// manifest does not stand for a directory of the package's own.
std::string package_dir(std::string_view location) {
    auto dir_of = [](std::string_view p) {
        auto slash = p.rfind('/');
        return slash == std::string_view::npos ? std::string()
                                               : std::string(p.substr(0, slash + 1));
    };
    if (location.ends_with("/package.json") &&
        location.find("node_modules/") != std::string_view::npos)
        return dir_of(location);
    // RubyGems: specifications/x-1.0.gemspec describes gems/x-1.0/.
    if (auto spec = location.find("specifications/");
        spec != std::string_view::npos && location.ends_with(".gemspec")) {
        std::string_view name = location.substr(spec + 15);
        name.remove_suffix(8);
        return std::string(location.substr(0, spec)) + "gems/" + std::string(name) + "/";
    }
    return {};
}

/// The licenses a file states (not clues, not tags that do not parse); those it only names
/// by reference also go to `referenced`.
void licenses_of(const FileLicenses& f, std::vector<std::string>& out,
                 std::vector<std::string>& referenced) {
    for (const auto& m : f.licenses) {
        if (!m.is_statement()) continue;
        auto& list = m.kind == LicenseMatch::Kind::reference ? referenced : out;
        if (std::find(list.begin(), list.end(), m.expression) == list.end())
            list.push_back(m.expression);
    }
}

} // namespace

ConcludeStats conclude_licenses(model::Sbom& sbom, const LicenseScan& scan) {
    ConcludeStats stats;
    std::map<std::string_view, const FileLicenses*> by_path;
    for (const auto& f : scan.files)
        by_path.emplace(f.path, &f);
    for (auto& c : sbom.components) {
        if (c.locations.empty()) continue;
        const std::string& where = c.locations.front().path;
        std::vector<const FileLicenses*> files;
        if (!c.files.empty()) {
            std::string root = model::package_database_root(where);
            for (const auto& owned : c.files) {
                std::string_view relative = owned;
                if (relative.starts_with('/')) relative.remove_prefix(1);
                // Debian's reference copies of common license texts (Debian Policy 12.5), which
                // base-files installs for every package to point at: not base-files' license.
                if (relative.starts_with(k_reference_texts)) continue;
                std::string path = root + std::string(relative);
                if (auto it = by_path.find(path); it != by_path.end()) files.push_back(it->second);
            }
        } else if (std::string dir = package_dir(where); !dir.empty()) {
            for (auto it = by_path.lower_bound(dir);
                 it != by_path.end() && it->first.starts_with(dir); ++it) {
                // A package nested in this one (node_modules/a/node_modules/b) is its own.
                if (it->first.find("/node_modules/", dir.size() - 1) != std::string_view::npos)
                    continue;
                files.push_back(it->second);
            }
        }
        if (files.empty()) continue;
        ++stats.packages_with_files;
        std::vector<std::string> found, referenced;
        std::uint64_t giving = 0;
        for (const FileLicenses* f : files) {
            licenses_of(*f, found, referenced);
            giving += std::any_of(f->licenses.begin(), f->licenses.end(),
                                  [](const LicenseMatch& m) { return m.is_statement(); });
        }
        // Licenses only named by reference ("@license MIT") join the conclusion, and the
        // component says which: no reference becomes a concluded license silently.
        std::vector<std::string> only_named;
        for (auto& r : referenced)
            if (std::find(found.begin(), found.end(), r) == found.end()) {
                only_named.push_back(r);
                found.push_back(r);
            }
        if (found.empty()) continue;
        std::vector<model::LicenseExpression> parts;
        for (const auto& e : found)
            if (auto parsed = model::LicenseExpression::parse(e))
                parts.push_back(std::move(*parsed));
        if (parts.empty()) continue;
        auto all =
            model::LicenseExpression::join(model::LicenseExpression::Kind::and_, std::move(parts));
        c.license_concluded = all.simplified().to_string();
        c.properties["kaiyuan:license:files"] = std::to_string(giving);
        if (!only_named.empty())
            c.properties["kaiyuan:license:by-reference"] = util::join(only_named, "; ");
        ++stats.concluded;
    }
    return stats;
}

} // namespace kaiyuan::license
